import Tickmark

extension CommonProbeOptions {
    /// `fresh` and `warn`: positive durations such as `7d`, `12h`; a `warn` not shorter than
    /// `fresh` is a warning.
    static func decodeFreshness(_ decoder: inout ProbeDecoder) -> Freshness {
        var freshness = Freshness()
        for key in ["fresh", "warn"] {
            guard let option = decoder.option(key), let text = option.value.scalarText else { continue }
            guard let duration = DurationText.parse(text), duration > .zero else {
                decoder.error(.invalidArgument, "'\(key)' must be a duration such as 7d, 12h or 30m, not '\(text)'", at: option.position, length: key.utf8.count)
                continue
            }
            if key == "fresh" { freshness.fresh = duration } else { freshness.warn = duration }
        }
        if let fresh = freshness.fresh, let warn = freshness.warn, warn >= fresh {
            decoder.warning(
                .invalidArgument, "'warn: \(AgeText.rule(warn))' is not shorter than 'fresh: \(AgeText.rule(fresh))', so the result is always shown as expiring",
                at: decoder.spec.option("warn")?.position, length: 4
            )
        }
        return freshness
    }
}

extension ProbeSpec {
    /// The probe's own `fresh`/`warn` options, read leniently (problems are reported by `lint`).
    package var freshness: Freshness {
        func value(_ key: String) -> Duration? {
            guard let text = option(key)?.value.scalarText, let duration = DurationText.parse(text), duration > .zero else { return nil }
            return duration
        }
        return Freshness(fresh: value("fresh"), warn: value("warn"))
    }
}

extension ChecklistItem {
    /// The freshness of the item's manual evidence (sign-offs, ticks): its own span over the
    /// checklist's defaults.
    package func freshness(defaults: ProbeDefaults) -> Freshness {
        freshness.over(defaults.freshness)
    }

    /// The freshness of the item's `index`th probe result: the probe's own options over the item's
    /// span over the defaults.
    package func freshness(ofProbe index: Int, defaults: ProbeDefaults) -> Freshness {
        probes[index].freshness.over(freshness).over(defaults.freshness)
    }

    /// Whether any of the item's evidence ages under `defaults`.
    package func ages(defaults: ProbeDefaults) -> Bool {
        freshness(defaults: defaults).fresh != nil || probes.contains { $0.freshness.fresh != nil }
    }
}
