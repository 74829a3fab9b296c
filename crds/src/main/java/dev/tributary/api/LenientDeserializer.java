package dev.tributary.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads a spec or status that may not fit its type (a wrong enum value or type, stored before a CRD
 * rule existed or under another version) without failing: a failure would stop the informer, and
 * with it every resource of the kind. What could not be read is handed to {@link #unreadable} with
 * a message naming the field and what it should be.
 */
public abstract class LenientDeserializer<T> extends JsonDeserializer<T> {

  private final Class<T> type;
  private final String field;

  protected LenientDeserializer(Class<T> type, String field) {
    this.type = type;
    this.field = field;
  }

  @Override
  public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    JsonNode tree = parser.readValueAsTree();
    try {
      return context.readTreeAsValue(tree, type);
    } catch (JsonMappingException e) {
      return unreadable(tree, describe(field, e));
    }
  }

  /** The value to use for {@code raw}, which could not be read: {@code problem} says why. */
  protected abstract T unreadable(JsonNode raw, String problem);

  /** One line naming the field, the value and what it should be. */
  static String describe(String root, JsonMappingException e) {
    String path =
        root
            + e.getPath().stream()
                .map(
                    r ->
                        r.getFieldName() != null
                            ? "." + r.getFieldName()
                            : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
    if (e instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
      String allowed =
          Arrays.stream(format.getTargetType().getEnumConstants())
              .map(constant -> jsonName((Enum<?>) constant))
              .collect(Collectors.joining(", "));
      return path + ": '" + format.getValue() + "' is not one of " + allowed;
    }
    if (e instanceof InvalidFormatException format) {
      return path
          + ": '"
          + format.getValue()
          + "' is not a valid "
          + format.getTargetType().getSimpleName().toLowerCase();
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return path + ": unknown field";
    }
    String message = e.getOriginalMessage();
    if (message != null && message.startsWith("Cannot deserialize value of type")) {
      return path + ": wrong type; see `kubectl explain` for the field";
    }
    return path
        + ": "
        + (message == null ? "cannot be read" : message.lines().findFirst().orElse(""));
  }

  private static String jsonName(Enum<?> constant) {
    try {
      JsonProperty name =
          constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return name != null ? name.value() : constant.name();
    } catch (NoSuchFieldException e) {
      return constant.name();
    }
  }
}
