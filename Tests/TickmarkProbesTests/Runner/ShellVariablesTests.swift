import Testing
import Tickmark
@testable import TickmarkProbes

/// How each place a `${…}` can stand in a shell command is rewritten to an environment reference.
@Suite struct ShellVariablesTests {
    static let cases: [(written: String, rewritten: String)] = [
        ("echo ${x}", #"echo "${TICKMARK_VAR_x}""#),
        (#"echo "v=${x}""#, #"echo "v=${TICKMARK_VAR_x}""#),
        ("echo 'v=${x}'", #"echo 'v='"${TICKMARK_VAR_x}"''"#),
        (#"echo "it's ${x}""#, #"echo "it's ${TICKMARK_VAR_x}""#),
        (#"echo "$(cat ${x})""#, #"echo "$(cat "${TICKMARK_VAR_x}")""#),
        ("echo `cat ${x}`", #"echo `cat "${TICKMARK_VAR_x}"`"#),
        ("echo $(( ${x} + 1 ))", "echo $(( ${TICKMARK_VAR_x} + 1 ))"),
        ("cat <<EOF\nv=${x}\nEOF\necho ${x}", "cat <<EOF\nv=${TICKMARK_VAR_x}\nEOF\necho \"${TICKMARK_VAR_x}\""),
        ("cat <<'EOF'\nv=${x}\nEOF", "cat <<'EOF'\nv=a b\nEOF"),
        (#"sh -c "echo ${x}""#, #"sh -c "echo \${TICKMARK_VAR_x}""#),
        ("bash -ec 'echo \"${x}\"'", "bash -ec 'echo \"${TICKMARK_VAR_x}\"'"),
        ("eval 'echo ${x}'", "eval 'echo ${TICKMARK_VAR_x}'"),
        ("sh -c true; echo ${x}", #"sh -c true; echo "${TICKMARK_VAR_x}""#),
        (#"echo \${x}"#, #"echo \${TICKMARK_VAR_x}"#),
        ("echo ${git.branch} ${git-branch}", #"echo "${TICKMARK_VAR_git_branch}" "${TICKMARK_VAR_git_branch_2}""#),
    ]

    @Test(arguments: cases)
    func eachPlaceGetsItsForm(written: String, rewritten: String) {
        let result = ShellVariables.rewrite(written) { _ in "a b" }
        #expect(result.command == rewritten)
    }

    @Test func theEnvironmentCarriesEachValueOnce() {
        let result = ShellVariables.rewrite("echo ${x} ${y} ${x}") { $0 == "x" ? "1" : "2" }
        #expect(result.environment.map(\.name) == ["TICKMARK_VAR_x", "TICKMARK_VAR_y"])
        #expect(result.environment.map(\.value) == ["1", "2"])
    }

    @Test func sshAndInnerShellsWithoutTheEnvironmentAreReported() {
        #expect(ShellVariables.unsafeReferences(in: "ssh host \"restart ${svc}\"").map(\.name) == ["svc"])
        #expect(ShellVariables.unsafeReferences(in: "systemctl restart ${svc}").isEmpty)
        #expect(ShellVariables.unsafeReferences(in: "sudo systemctl restart ${svc}").isEmpty, "sudo runs it without a shell")
        #expect(ShellVariables.unsafeReferences(in: "sh -c 'restart ${svc}'").isEmpty, "the inner shell has the environment")
        let sudo = ShellVariables.unsafeReferences(in: "sudo sh -c 'restart \"${svc}\"'")
        #expect(sudo.map(\.name) == ["svc"])
        #expect(sudo.first?.reason.contains("through sudo") == true)
        #expect(ShellVariables.unsafeReferences(in: "docker exec web sh -c \"echo ${svc}\"").map(\.name) == ["svc"])
    }
}
