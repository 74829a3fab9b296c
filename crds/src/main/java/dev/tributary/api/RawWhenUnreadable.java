package dev.tributary.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import java.io.IOException;

/**
 * Writes a spec that could not be read back exactly as it was stored, so no copy, patch or clone of
 * the object (JOSDK clones through JSON) loses the user's spec or the fact that it is unreadable. A
 * readable spec is written as usual, and the schema is the spec type's own.
 */
public final class RawWhenUnreadable extends JsonSerializer<Object> {

  /** A spec that keeps the JSON it could not be read from. */
  public interface Spec {
    JsonNode unreadableJson();
  }

  @Override
  public void serialize(Object value, JsonGenerator generator, SerializerProvider provider)
      throws IOException {
    if (value instanceof Spec spec && spec.unreadableJson() != null) {
      generator.writeTree(spec.unreadableJson());
    } else {
      provider.findValueSerializer(value.getClass()).serialize(value, generator, provider);
    }
  }

  @Override
  public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type)
      throws JsonMappingException {
    visitor.getProvider().findValueSerializer(type).acceptJsonFormatVisitor(visitor, type);
  }
}
