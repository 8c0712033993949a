package it.attimo.core.timing.profile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Streams NDJSON objects (one per line) through a single Jackson streaming parser, handing a sink the top-level
 * fields it asked for as text, without building JSON trees (nested objects and arrays are skipped). Errors name what
 * is read and the line number only: lines may hold personal data.
 */
final class NdjsonRows {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Receives one row. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param line   the row's line number, for error messages
         * @param values the asked-for fields in the order asked, null where absent; the array is reused for the next row
         */
        void accept(long line, String[] values);
    }

    private NdjsonRows() {}

    /**
     * @param what   names the input in error messages, e.g. {@code events} gives {@code events line 3: invalid JSON}
     * @param fields the top-level fields to read
     * @return number of rows read
     */
    static long read(InputStream input, String what, String[] fields, Sink sink) {
        long count = 0;
        String[] values = new String[fields.length];
        try (JsonParser p = FACTORY.createParser(input)) {
            while (true) {
                JsonToken t;
                try {
                    t = p.nextToken();
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(what + " line " + line(p) + ": invalid JSON");
                }
                if (t == null) break;
                long lineNo = line(p);
                if (t != JsonToken.START_OBJECT)
                    throw new IllegalArgumentException(what + " line " + lineNo + ": not a JSON object");
                Arrays.fill(values, null);
                try {
                    String field;
                    while ((field = p.nextFieldName()) != null) {
                        JsonToken v = p.nextToken();
                        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                            p.skipChildren();
                            continue;
                        }
                        int i = indexOf(fields, field);
                        if (i >= 0) values[i] = p.getValueAsString();
                    }
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(what + " line " + lineNo + ": invalid JSON");
                }
                sink.accept(lineNo, values);
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    private static int indexOf(String[] fields, String field) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(field)) return i;
        }
        return -1;
    }

    private static long line(JsonParser p) {
        return p.currentLocation().getLineNr();
    }
}
