import Strata

extension StepFailure {
    /// The part of BuildKit's failure block after the step's own `------ > step: ------`
    /// frame: the Dockerfile excerpt and the `ERROR:` line. The live view prints that frame
    /// itself, with the step's output inside it, so the CLI adds only this.
    var sourceReport: String {
        let frame = "------\n > \(step):\n------\n"
        let report = buildKitReport
        return report.hasPrefix(frame) ? String(report.dropFirst(frame.count)) : report
    }
}
