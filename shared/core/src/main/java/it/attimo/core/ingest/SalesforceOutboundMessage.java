package it.attimo.core.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A Salesforce Outbound Message: the SOAP {@code notifications} element with {@code OrganizationId}, {@code ActionId}
 * and up to 100 {@code Notification}s, each an {@code Id} and an {@code sObject} of {@code xsi:type="sf:<Type>"} with
 * its fields. Parsed with the JDK's parser locked down: no DOCTYPE at all (so no external entity, no entity
 * expansion), no XInclude, no external DTD or schema.
 */
public record SalesforceOutboundMessage(String organizationId, String actionId, List<Notification> notifications) {
    public static final String OUTBOUND_NS = "http://soap.sforce.com/2005/09/outbound";
    public static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

    /** One notification: its id (stable across Salesforce's retries), the sObject type and its fields as text. */
    public record Notification(String id, String sObjectType, Map<String, String> fields) {}

    /** @throws IllegalArgumentException naming what is wrong (a DOCTYPE, not XML, a missing element) */
    public static SalesforceOutboundMessage parse(byte[] xml) {
        Document doc;
        try {
            doc = builder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            String why = e.getMessage() == null ? "not well-formed" : e.getMessage();
            if (why.contains("DOCTYPE")) throw new IllegalArgumentException("a DOCTYPE is not allowed");
            throw new IllegalArgumentException("not well-formed XML: " + why);
        } catch (IOException e) {
            throw new IllegalArgumentException("not readable XML: " + e.getMessage());
        }
        NodeList list = doc.getElementsByTagNameNS(OUTBOUND_NS, "notifications");
        if (list.getLength() != 1) {
            throw new IllegalArgumentException("no notifications element of " + OUTBOUND_NS + " in the SOAP body");
        }
        Element n = (Element) list.item(0);
        String org = childText(n, "OrganizationId");
        if (org == null || org.isBlank()) throw new IllegalArgumentException("OrganizationId is required");
        List<Notification> out = new ArrayList<>();
        for (Element notification : children(n, "Notification")) {
            String id = childText(notification, "Id");
            Element sObject =
                    children(notification, "sObject").stream().findFirst().orElse(null);
            if (id == null || sObject == null) {
                throw new IllegalArgumentException("a Notification needs an Id and an sObject");
            }
            String type = sObject.getAttributeNS(XSI_NS, "type");
            int colon = type.indexOf(':');
            type = colon < 0 ? type : type.substring(colon + 1);
            Map<String, String> fields = new LinkedHashMap<>();
            for (Node c = sObject.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element field && !"true".equals(field.getAttributeNS(XSI_NS, "nil"))) {
                    fields.put(field.getLocalName(), field.getTextContent().strip());
                }
            }
            out.add(new Notification(id.strip(), type, fields));
        }
        return new SalesforceOutboundMessage(org.strip(), childText(n, "ActionId"), out);
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // throws fatal errors, prints nothing
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be locked down", e);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && localName.equals(e.getLocalName())) out.add(e);
        }
        return out;
    }

    private static String childText(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0).getTextContent();
    }
}
