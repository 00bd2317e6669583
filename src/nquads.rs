//! N-Quads lines for the build's hot path.
//!
//! A build to N-Quads spends more time formatting than extracting when it
//! goes through `std::fmt` one character at a time, as the general RDF
//! serializers do. This writer produces the same bytes as Oxigraph's
//! N-Quads serializer (oxttl: canonical N-Quads, the same escapes), copying
//! runs of plain text at once. A unit test and the `text_to_graph` fuzz
//! target compare the two byte for byte. Pure: it appends to a buffer.

use oxrdf::vocab::xsd;
use oxrdf::{GraphNameRef, LiteralRef, NamedOrBlankNodeRef, QuadRef, TermRef};

/// Appends one quad as an N-Quads line.
pub fn write_quad(out: &mut Vec<u8>, quad: QuadRef<'_>) {
    match quad.subject {
        NamedOrBlankNodeRef::NamedNode(node) => iri(out, node.as_str()),
        NamedOrBlankNodeRef::BlankNode(node) => blank(out, node.as_str()),
    }
    out.push(b' ');
    iri(out, quad.predicate.as_str());
    out.push(b' ');
    match quad.object {
        TermRef::NamedNode(node) => iri(out, node.as_str()),
        TermRef::BlankNode(node) => blank(out, node.as_str()),
        TermRef::Literal(literal) => self::literal(out, literal),
        #[allow(unreachable_patterns)] // RDF 1.2 triple terms, when oxrdf has them
        other => out.extend_from_slice(other.to_string().as_bytes()),
    }
    match quad.graph_name {
        GraphNameRef::NamedNode(node) => {
            out.push(b' ');
            iri(out, node.as_str());
        }
        GraphNameRef::BlankNode(node) => {
            out.push(b' ');
            blank(out, node.as_str());
        }
        GraphNameRef::DefaultGraph => {}
    }
    out.extend_from_slice(b" .\n");
}

/// Appends quads as N-Quads lines.
pub fn write_quads<'q>(out: &mut Vec<u8>, quads: impl IntoIterator<Item = QuadRef<'q>>) {
    for quad in quads {
        write_quad(out, quad);
    }
}

fn iri(out: &mut Vec<u8>, iri: &str) {
    out.push(b'<');
    out.extend_from_slice(iri.as_bytes());
    out.push(b'>');
}

fn blank(out: &mut Vec<u8>, id: &str) {
    out.extend_from_slice(b"_:");
    out.extend_from_slice(id.as_bytes());
}

fn literal(out: &mut Vec<u8>, literal: LiteralRef<'_>) {
    quoted(out, literal.value());
    if let Some(language) = literal.language() {
        out.push(b'@');
        out.extend_from_slice(language.as_bytes());
    } else if literal.datatype() != xsd::STRING {
        out.extend_from_slice(b"^^");
        iri(out, literal.datatype().as_str());
    }
}

/// A string between double quotes with the escapes of oxrdf's
/// `print_quoted_str`: the named escapes, `\uXXXX` for other controls, DEL
/// and the non-characters U+FFFE and U+FFFF.
fn quoted(out: &mut Vec<u8>, value: &str) {
    out.push(b'"');
    let bytes = value.as_bytes();
    // Most literals need no escape: one test per byte the compiler can
    // vectorize, then one copy.
    let plain = |byte: &u8| *byte >= 0x20 && !matches!(*byte, b'"' | b'\\' | 0x7F | 0xEF);
    if bytes.iter().all(plain) {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        let (escape, width): (Option<&[u8]>, usize) = match byte {
            0x08 => (Some(b"\\b"), 1),
            b'\t' => (Some(b"\\t"), 1),
            b'\n' => (Some(b"\\n"), 1),
            0x0C => (Some(b"\\f"), 1),
            b'\r' => (Some(b"\\r"), 1),
            b'"' => (Some(b"\\\""), 1),
            b'\\' => (Some(b"\\\\"), 1),
            0x00..=0x1F | 0x7F => (None, 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            0xEF if matches!(bytes.get(at + 1..at + 3), Some([0xBF, 0xBE | 0xBF])) => (None, 3),
            _ => {
                at += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[copied..at]);
        match escape {
            Some(escape) => out.extend_from_slice(escape),
            None => {
                let c = value[at..].chars().next().map_or(0, u32::from);
                out.extend_from_slice(format!("\\u{c:04X}").as_bytes());
            }
        }
        at += width;
        copied = at;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::{BlankNode, GraphName, Literal, NamedNode, Quad};

    fn oxttl_line(quad: &Quad) -> String {
        let mut serializer =
            oxrdfio::RdfSerializer::from_format(oxrdfio::RdfFormat::NQuads).for_writer(Vec::new());
        serializer.serialize_quad(quad).unwrap();
        String::from_utf8(serializer.finish().unwrap()).unwrap()
    }

    #[test]
    fn writes_the_same_bytes_as_oxigraph() {
        let subject = NamedNode::new_unchecked("https://example.org/s");
        let predicate = NamedNode::new_unchecked("https://example.org/p");
        let graph = GraphName::NamedNode(NamedNode::new_unchecked("https://example.org/g"));
        let mut objects: Vec<oxrdf::Term> = [
            "plain",
            "",
            "quote \" backslash \\ tab \t newline \n return \r",
            "controls \u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f} end",
            "non-characters \u{fffe}\u{ffff} and \u{fffd} and é, 中文, 🙂",
            "ends with a backslash \\",
            "\u{ef}\u{bf}",
        ]
        .iter()
        .map(|text| Literal::new_simple_literal(*text).into())
        .collect();
        objects.push(Literal::new_typed_literal("42", xsd::INTEGER).into());
        objects.push(Literal::new_language_tagged_literal_unchecked("Pakistan", "en").into());
        objects.push(NamedNode::new_unchecked("https://example.org/o").into());
        objects.push(BlankNode::new_unchecked("b1").into());
        for object in objects {
            for graph in [graph.clone(), GraphName::DefaultGraph] {
                let quad = Quad::new(subject.clone(), predicate.clone(), object.clone(), graph);
                let mut ours = Vec::new();
                write_quad(&mut ours, quad.as_ref());
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    oxttl_line(&quad),
                    "for {quad}"
                );
            }
        }
    }
}
