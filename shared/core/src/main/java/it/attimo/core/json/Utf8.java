package it.attimo.core.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding of bodies: a malformed or truncated sequence is an error naming its byte offset. */
public final class Utf8 {
    private Utf8() {}

    public static String decode(byte[] bytes) throws JsonProcessingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) result = decoder.flush(out);
        if (result.isError()) {
            throw new JsonParseException(
                    null,
                    "invalid UTF-8: " + (result.isMalformed() ? "malformed" : "unmappable")
                            + " byte sequence at byte offset " + in.position());
        }
        return out.flip().toString();
    }
}
