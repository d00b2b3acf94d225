import Foundation
import XCTest
@testable import IMAPBenchCLI

/// Every file argument is checked before the run, naming the flag and the path: a bad --ca-file
/// used to fail only when the sessions connected.
final class InputFileCheckTests: XCTestCase {
    func testRunRefusesBadFilesBeforeItStarts() throws {
        let directory = try CLITestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let notPEM = directory.appendingPathComponent("ca.pem").path
        try "not a certificate".write(toFile: notPEM, atomically: true, encoding: .utf8)
        let table: [([String], String)] = [
            (["--ca-file", "/no/such/ca.pem"], "--ca-file /no/such/ca.pem: no such file"),
            (["--ca-file", notPEM], "--ca-file \(notPEM): not a readable PEM certificate file"),
            (["--ca-file", directory.path], "--ca-file \(directory.path): is a directory"),
            (["--password-file", "/no/such/password"], "--password-file /no/such/password: no such file"),
            (
                ["--protocol-log", "/no/such/dir/log.txt"],
                "--protocol-log /no/such/dir/log.txt: the directory /no/such/dir does not exist"
            ),
            (["--protocol-log", directory.path], "--protocol-log \(directory.path): is a directory"),
        ]
        for (arguments, expected) in table {
            let command = try Run.parse(["smoke"] + arguments)
            XCTAssertThrowsError(try RunRequest(command: command), "\(arguments)") { error in
                let text = Run.message(for: error)
                XCTAssertTrue(text.contains(expected), "\(arguments): '\(text)' should say '\(expected)'")
            }
        }
    }

    func testAGoodCAFileAndProtocolLogPass() throws {
        let directory = try CLITestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("ca.pem").path
        try Self.selfSignedPEM.write(toFile: certificate, atomically: true, encoding: .utf8)
        let log = directory.appendingPathComponent("protocol.log").path
        let command = try Run.parse([
            "smoke", "--ca-file", certificate, "--protocol-log", log,
            "--out", directory.appendingPathComponent("run").path,
        ])
        XCTAssertNoThrow(try RunRequest(command: command))
    }

    /// The probes and populate share the connection flags and check them before connecting.
    func testProbesAndPopulateRefuseABadCAFileAtOnce() throws {
        for command in [
            ["probe", "pipeline", "--step", "30s"], ["probe", "timeout", "--max-wait", "30s"], ["populate"],
        ] {
            let started = Date()
            let output = try CLITestSupport.run(
                command + ["--tls", "starttls", "--ca-file", "/no/such/ca.pem"], timeout: 60)
            XCTAssertEqual(output.status, 1, "\(command): \(output.stderr)")
            XCTAssertTrue(
                output.stderr.contains("--ca-file /no/such/ca.pem: no such file"), "\(command): \(output.stderr)")
            XCTAssertLessThan(Date().timeIntervalSince(started), 15, "\(command)")
        }
    }

    /// A throwaway self-signed certificate (CN=imapbench-test), only ever parsed.
    static let selfSignedPEM = """
        -----BEGIN CERTIFICATE-----
        MIICEDCCAXmgAwIBAgIURmG+bHaTOCI/FzKGdg1x/4Gtl6wwDQYJKoZIhvcNAQEL
        BQAwGTEXMBUGA1UEAwwOaW1hcGJlbmNoLXRlc3QwIBcNMjYxMjAzMTQwMjI0WhgP
        MjEyNjExMDkxNDAyMjRaMBkxFzAVBgNVBAMMDmltYXBiZW5jaC10ZXN0MIGfMA0G
        CSqGSIb3DQEBAQUAA4GNADCBiQKBgQD5sRKwUqQpdOg7cKqbVuJDaEtxi4sVrW+k
        1G44S6iuGksqITGdP04R9Zgj6OfaolONEV0Z7nJ7dRsqv0ga5eK8MRYHMTBJsfHv
        j5Ue0BKeNV0afJqgQo8+GcMsO1TOVey7E0l3AWRUMn22N7Gjcz589+NkXSoq+MkS
        oTX1nlG21wIDAQABo1MwUTAdBgNVHQ4EFgQUZUN+m92tiFg2TSBfz1TEKTYSPcMw
        HwYDVR0jBBgwFoAUZUN+m92tiFg2TSBfz1TEKTYSPcMwDwYDVR0TAQH/BAUwAwEB
        /zANBgkqhkiG9w0BAQsFAAOBgQAs+/WIL2oSgah2tblB5GI7/ISCHqYffoC1nlsc
        D8nYK4SL+svOSVLQ31l4jlswig397ON+qG5KNikHA+wRi1QDCAZto4xFL7UG7aST
        qpp4PkKaqbwIYi4QNpuJHaxhtZolHb4IhUL3F+tHJBloMnqi1xpaY8ObQDO4rsSr
        BKAIKA==
        -----END CERTIFICATE-----

        """
}
