import TickmarkCLI

await TickmarkCommand.runMain()
