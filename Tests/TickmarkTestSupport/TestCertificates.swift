/// A certificate authority and a certificate it signed for `localhost` and `127.0.0.1`, valid
/// for 30 days, made with the `openssl` command.
public struct TestCertificates: Sendable {
    /// The path of the authority's certificate (PEM).
    public let authority: String
    /// The path of the server certificate (PEM).
    public let certificate: String
    /// The path of the server certificate's private key (PEM).
    public let key: String

    /// Makes the authority and the certificate in `folder`.
    public init(in folder: TemporaryFolder) throws {
        let curve = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
        try folder.write("leaf.ext", "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
        try Shell.run("""
            openssl req -x509 \(curve) -keyout ca.key -out ca.pem -days 30 -subj '/CN=Tickmark Test CA' \
              -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign && \
            openssl req \(curve) -keyout leaf.key -out leaf.csr -subj '/O=Tickmark/CN=localhost' && \
            openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -extfile leaf.ext -out leaf.pem
            """, in: folder.path)
        authority = folder.path + "/ca.pem"
        certificate = folder.path + "/leaf.pem"
        key = folder.path + "/leaf.key"
    }
}
