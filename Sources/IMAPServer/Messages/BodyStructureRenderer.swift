/// Renders BODY and BODYSTRUCTURE (RFC 3501 §7.4.2 `body`) from a MIME tree.
///
///     S: * 1 FETCH (BODYSTRUCTURE ("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" 3028 92 NIL NIL NIL NIL))
enum BodyStructureRenderer {
    static func render(_ part: MimePart, extensible: Bool) -> String {
        if part.isMultipart {
            // body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]
            var text = "(" + part.children.map { render($0, extensible: extensible) }.joined()
            text += " " + IMAPString.string(part.subtype.uppercased())
            if extensible {
                text += " \(IMAPString.parameterList(part.parameters)) \(disposition(part)) NIL NIL"
            }
            return text + ")"
        }
        // body-type-basic / body-type-text: media-type SP body-fields [SP body-fld-lines]
        let isMessage = part.type == "message" && part.subtype == "rfc822"
        let type = isMessage || part.type == "multipart" ? "APPLICATION" : part.type.uppercased()
        let subtype = isMessage || part.type == "multipart" ? "OCTET-STREAM" : part.subtype.uppercased()
        var fields = [
            IMAPString.string(type), IMAPString.string(subtype),
            IMAPString.parameterList(part.parameters),
            IMAPString.nstring(part.contentID), IMAPString.nstring(part.contentDescription),
            IMAPString.string(part.encoding.uppercased()), String(part.bodyRange.count),
        ]
        if type == "TEXT" { fields.append(String(part.lineCount)) }
        if extensible {
            // body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc]]]
            fields.append(contentsOf: ["NIL", disposition(part), "NIL", "NIL"])
        }
        return "(" + fields.joined(separator: " ") + ")"
    }

    // body-fld-dsp = "(" string SP body-fld-param ")" / nil
    private static func disposition(_ part: MimePart) -> String {
        guard let disposition = part.disposition else { return "NIL" }
        return
            "(\(IMAPString.string(disposition.kind.uppercased())) \(IMAPString.parameterList(disposition.parameters)))"
    }
}
