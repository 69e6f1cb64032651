package io.ponte.bridge.connectycube.signaling;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small read-only element tree, enough for stanzas: namespace-aware name, attributes (without
 * namespace declarations), child elements in order, and the element's own character data. Parsed
 * with the JDK's StAX reader with DTDs and external entities off.
 */
public final class XmlElement {
    private static final XMLInputFactory FACTORY = newFactory();

    private final String name;
    private final String namespace;
    private final Map<String, String> attributes;
    private final List<XmlElement> children;
    private final String text;

    private XmlElement(String name, String namespace, Map<String, String> attributes, List<XmlElement> children,
            String text) {
        this.name = name;
        this.namespace = namespace;
        this.attributes = attributes;
        this.children = children;
        this.text = text;
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /**
     * Parses one element (with its subtree) from a string.
     *
     * @throws SignalingFormatException if the text is not well-formed XML
     */
    public static XmlElement parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new SignalingFormatException("no XML to parse");
        }
        XMLStreamReader r = null;
        try {
            synchronized (FACTORY) {
                r = FACTORY.createXMLStreamReader(new StringReader(xml));
            }
            while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                // skip prolog
            }
            if (!r.isStartElement()) {
                throw new SignalingFormatException("no element in the XML");
            }
            XmlElement root = read(r);
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT
                        || ev == XMLStreamConstants.CHARACTERS && !r.isWhiteSpace()) {
                    throw new SignalingFormatException("content after the root element");
                }
            }
            return root;
        } catch (XMLStreamException e) {
            throw new SignalingFormatException("malformed XML: " + e.getMessage(), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    private static XmlElement read(XMLStreamReader r) throws XMLStreamException {
        String name = r.getLocalName();
        String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String prefix = r.getAttributePrefix(i);
            String local = r.getAttributeLocalName(i);
            String key = prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
            if (XMLConstants.XML_NS_URI.equals(r.getAttributeNamespace(i))) {
                key = "xml:" + local;
            }
            attrs.put(key, r.getAttributeValue(i));
        }
        List<XmlElement> kids = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT -> kids.add(read(r));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(r.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return new XmlElement(name, ns, Collections.unmodifiableMap(attrs),
                            Collections.unmodifiableList(kids), text.toString());
                }
                default -> {
                    // comments, processing instructions: not content
                }
            }
        }
    }

    public String name() {
        return name;
    }

    /** The namespace URI, empty when none. */
    public String namespace() {
        return namespace;
    }

    /** Attributes by (prefixed) name, namespace declarations excluded. */
    public Map<String, String> attributes() {
        return attributes;
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    public List<XmlElement> children() {
        return children;
    }

    /** The element's own character data (not its descendants'). */
    public String text() {
        return text;
    }

    /** The first child with that local name, or {@code null}. */
    public XmlElement child(String localName) {
        for (XmlElement c : children) {
            if (c.name.equals(localName)) {
                return c;
            }
        }
        return null;
    }

    public List<XmlElement> children(String localName) {
        return children.stream().filter(c -> c.name.equals(localName)).toList();
    }

    /**
     * Structural equality: same name and namespace, same attributes (in any order), same children in
     * the same order, same text once whitespace-only text between child elements is ignored.
     */
    public boolean equivalentTo(XmlElement other) {
        return describeDifference(other) == null;
    }

    /** {@code null} when {@link #equivalentTo}, else the path and nature of the first difference. */
    public String describeDifference(XmlElement other) {
        return diff(this, other, "/" + name);
    }

    private static String diff(XmlElement a, XmlElement b, String path) {
        if (!a.name.equals(b.name) || !a.namespace.equals(b.namespace)) {
            return path + ": element {" + a.namespace + "}" + a.name + " vs {" + b.namespace + "}" + b.name;
        }
        if (!a.attributes.equals(b.attributes)) {
            return path + ": attributes " + a.attributes + " vs " + b.attributes;
        }
        String ta = a.children.isEmpty() ? a.text : a.text.strip();
        String tb = b.children.isEmpty() ? b.text : b.text.strip();
        if (!ta.equals(tb)) {
            return path + ": text '" + ta + "' vs '" + tb + "'";
        }
        if (a.children.size() != b.children.size()) {
            return path + ": " + a.children.size() + " vs " + b.children.size() + " children";
        }
        for (int i = 0; i < a.children.size(); i++) {
            String d = diff(a.children.get(i), b.children.get(i), path + "/" + a.children.get(i).name + "[" + i + "]");
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "<" + name + (namespace.isEmpty() ? "" : " xmlns='" + namespace + "'") + "> with " + children.size()
                + " children";
    }
}
