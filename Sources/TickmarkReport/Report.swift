import Tickmark
