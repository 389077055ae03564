package org.citizenhub.connectors.population;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.mappings.population.PopulationRecord;

/**
 * Reads the population database's XML messages with a hardened StAX parser: no DTD, no external
 * entities, a byte limit per message and a length limit per text value.
 *
 * <pre>{@code
 * <citizenExtract page="0" hasMore="true" asOfSequence="17"> <citizen>...</citizen>* </citizenExtract>
 * <lookupResponse status="FOUND|NOT_FOUND"> <citizen>...</citizen>? </lookupResponse>
 * <changeFeed> <change sequence="18" type="ADDRESS_CHANGED" personalId="048..."/>* </changeFeed>
 * <citizen> <personalId/> <familyName/> <middleName/> <givenName/> <dateOfBirth/> <sex/>
 *   <placeOfOrigin/> <houseNumber/> <street/> <ward code="20194"/> <city/> <householdId/>
 *   <relationToHead/> <phone/> <email/> <dateOfDeath/> </citizen>
 * }</pre>
 */
public final class PopulationXml {

    private static final int MAX_TEXT_LENGTH = 1_000;

    private final XMLInputFactory factory;
    private final long maxMessageBytes;

    public PopulationXml(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        this.factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** The lookup request for one personal ID number, written with the escaping XML needs. */
    public static String lookupRequest(String personalId) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            javax.xml.stream.XMLStreamWriter w = javax.xml.stream.XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartElement("lookupRequest");
            w.writeStartElement("personalId");
            w.writeCharacters(personalId);
            w.writeEndElement();
            w.writeEndElement();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a lookup request", e);
        }
        return out.toString();
    }

    public ExtractPage readExtractPage(InputStream in) {
        return parse(in, "citizenExtract", reader -> {
            int page = intAttribute(reader, "page");
            boolean hasMore = Boolean.parseBoolean(reader.getAttributeValue(null, "hasMore"));
            long asOf = longAttribute(reader, "asOfSequence");
            List<PopulationRecord> records = new ArrayList<>();
            while (nextChildElement(reader)) {
                records.add(readCitizen(reader));
            }
            return new ExtractPage(page, hasMore, asOf, records);
        });
    }

    public Optional<PopulationRecord> readLookupResponse(InputStream in) {
        return parse(in, "lookupResponse", reader -> {
            String status = reader.getAttributeValue(null, "status");
            if ("NOT_FOUND".equals(status)) {
                return Optional.empty();
            }
            if (!"FOUND".equals(status) || !nextChildElement(reader)) {
                throw new MalformedPayloadException("lookupResponse without status FOUND and a citizen");
            }
            return Optional.of(readCitizen(reader));
        });
    }

    public List<ChangeNotice> readChangeFeed(InputStream in) {
        return parse(in, "changeFeed", reader -> {
            List<ChangeNotice> changes = new ArrayList<>();
            while (nextChildElement(reader)) {
                expect(reader, "change");
                String type = requiredAttribute(reader, "type");
                String personalId = requiredAttribute(reader, "personalId");
                changes.add(new ChangeNotice(longAttribute(reader, "sequence"), type, personalId));
                skipElement(reader);
            }
            return changes;
        });
    }

    @FunctionalInterface
    private interface Body<T> {
        T read(XMLStreamReader reader) throws XMLStreamException;
    }

    private <T> T parse(InputStream in, String rootElement, Body<T> body) {
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new LimitedInputStream(in, maxMessageBytes));
            if (!nextChildElement(reader)) {
                throw new MalformedPayloadException("empty XML document");
            }
            expect(reader, rootElement);
            return body.read(reader);
        } catch (XMLStreamException e) {
            if (causedByTooLarge(e)) {
                throw new MalformedPayloadException("population message exceeds " + maxMessageBytes + " bytes");
            }
            throw new MalformedPayloadException("population message is not well-formed XML (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNumber()) + ")", e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader that already failed: nothing left to release
                }
            }
        }
    }

    private static boolean causedByTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MessageTooLargeException) {
                return true;
            }
            if (t instanceof XMLStreamException xse && xse.getNestedException() instanceof MessageTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private PopulationRecord readCitizen(XMLStreamReader reader) throws XMLStreamException {
        expect(reader, "citizen");
        Map<String, String> values = new HashMap<>();
        while (nextChildElement(reader)) {
            String name = reader.getLocalName();
            if ("ward".equals(name)) {
                values.put("wardCode", nullToEmpty(reader.getAttributeValue(null, "code")));
            }
            values.put(name, readText(reader));
        }
        Function<String, String> v = key -> values.getOrDefault(key, "");
        return new PopulationRecord(v.apply("personalId"), v.apply("familyName"), v.apply("middleName"),
                v.apply("givenName"), v.apply("dateOfBirth"), v.apply("sex"), v.apply("placeOfOrigin"),
                v.apply("houseNumber"), v.apply("street"), v.apply("ward"), v.apply("wardCode"), v.apply("city"),
                v.apply("householdId"), v.apply("relationToHead"), v.apply("phone"), v.apply("email"),
                v.apply("dateOfDeath"));
    }

    /** Advances to the next child start element; false at the parent's end element. */
    private static boolean nextChildElement(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT:
                    return true;
                case XMLStreamConstants.END_ELEMENT:
                case XMLStreamConstants.END_DOCUMENT:
                    return false;
                case XMLStreamConstants.DTD:
                    throw new MalformedPayloadException("DTDs are not accepted in population messages");
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw new MalformedPayloadException("entity references are not accepted in population messages");
                default:
                    // whitespace, comments, processing instructions
            }
        }
        return false;
    }

    private static String readText(XMLStreamReader reader) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(reader.getText());
                if (text.length() > MAX_TEXT_LENGTH) {
                    throw new MalformedPayloadException("a text value in a population message exceeds "
                            + MAX_TEXT_LENGTH + " characters");
                }
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new MalformedPayloadException("entity references are not accepted in population messages");
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                throw new MalformedPayloadException("unexpected nested element in " + reader.getLocalName());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return text.toString().strip();
            }
        }
        throw new MalformedPayloadException("population message ends inside an element");
    }

    private static void skipElement(XMLStreamReader reader) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static void expect(XMLStreamReader reader, String element) {
        if (!element.equals(reader.getLocalName())) {
            throw new MalformedPayloadException("expected element <" + element + "> but found <" + reader.getLocalName() + ">");
        }
    }

    private static String requiredAttribute(XMLStreamReader reader, String name) {
        String value = reader.getAttributeValue(null, name);
        if (value == null || value.isBlank()) {
            throw new MalformedPayloadException("<" + reader.getLocalName() + "> lacks attribute " + name);
        }
        return value;
    }

    private static int intAttribute(XMLStreamReader reader, String name) {
        return (int) longAttribute(reader, name);
    }

    private static long longAttribute(XMLStreamReader reader, String name) {
        try {
            return Long.parseLong(requiredAttribute(reader, name));
        } catch (NumberFormatException e) {
            throw new MalformedPayloadException("attribute " + name + " of <" + reader.getLocalName() + "> is not a number");
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static final class MessageTooLargeException extends IOException {
        MessageTooLargeException() {
            super("message too large");
        }
    }

    /** Fails the read once more than {@code limit} bytes have been consumed. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > limit) {
                throw new MessageTooLargeException();
            }
        }
    }
}
