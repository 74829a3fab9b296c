package dev.tributary.connect.transforms;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Replaces a record's key ({@code Drop$Key}) or value ({@code Drop$Value}) with null and keeps the
 * record — unlike Apache's {@code Filter}, which removes it. {@code schema.behavior} says what
 * happens to the schema: {@code nullify} (no schema), {@code retain} (schema kept as it is), {@code
 * validate} (schema kept, but it must be optional) or {@code force_optional} (an optional copy).
 */
public abstract class Drop<R extends ConnectRecord<R>> implements Transformation<R> {

  public static final String SCHEMA_BEHAVIOR_CONFIG = "schema.behavior";

  /** What becomes of the dropped part's schema. */
  public enum SchemaBehavior {
    NULLIFY,
    RETAIN,
    VALIDATE,
    FORCE_OPTIONAL;

    String configValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              SCHEMA_BEHAVIOR_CONFIG,
              ConfigDef.Type.STRING,
              SchemaBehavior.NULLIFY.configValue(),
              ConfigDef.ValidString.in(
                  SchemaBehavior.NULLIFY.configValue(),
                  SchemaBehavior.RETAIN.configValue(),
                  SchemaBehavior.VALIDATE.configValue(),
                  SchemaBehavior.FORCE_OPTIONAL.configValue()),
              ConfigDef.Importance.MEDIUM,
              "What happens to the schema of the dropped key or value: 'nullify' removes it,"
                  + " 'retain' keeps it unchanged, 'validate' keeps it but fails a record whose"
                  + " schema is not optional, 'force_optional' replaces it with an optional copy.");

  private SchemaBehavior schemaBehavior = SchemaBehavior.NULLIFY;

  @Override
  public void configure(Map<String, ?> configs) {
    var config = new AbstractConfig(CONFIG_DEF, configs);
    schemaBehavior =
        SchemaBehavior.valueOf(config.getString(SCHEMA_BEHAVIOR_CONFIG).toUpperCase(Locale.ROOT));
  }

  @Override
  public R apply(R record) {
    if (record == null) {
      return null;
    }
    return withDropped(record, droppedSchema(schemaOf(record), record));
  }

  private Schema droppedSchema(Schema schema, R record) {
    if (schema == null) {
      return null;
    }
    return switch (schemaBehavior) {
      case NULLIFY -> null;
      case RETAIN -> schema;
      case VALIDATE -> {
        if (!schema.isOptional()) {
          throw new DataException(
              "Drop cannot null the "
                  + part()
                  + " of a record from topic '"
                  + record.topic()
                  + "': its schema is not optional and "
                  + SCHEMA_BEHAVIOR_CONFIG
                  + " is 'validate'. Use 'force_optional' or 'nullify' instead.");
        }
        yield schema;
      }
      case FORCE_OPTIONAL -> optionalCopyOf(schema);
    };
  }

  static Schema optionalCopyOf(Schema schema) {
    if (schema.isOptional()) {
      return schema;
    }
    SchemaBuilder builder =
        switch (schema.type()) {
          case STRUCT -> {
            SchemaBuilder struct = SchemaBuilder.struct();
            for (Field field : schema.fields()) {
              struct.field(field.name(), field.schema());
            }
            yield struct;
          }
          case ARRAY -> SchemaBuilder.array(schema.valueSchema());
          case MAP -> SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
          default -> SchemaBuilder.type(schema.type());
        };
    builder.name(schema.name()).version(schema.version()).doc(schema.doc());
    if (schema.parameters() != null) {
      builder.parameters(schema.parameters());
    }
    return builder.optional().build();
  }

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  @Override
  public void close() {}

  /** "key" or "value": the part of the record this variant drops. */
  protected abstract String part();

  protected abstract Schema schemaOf(R record);

  protected abstract R withDropped(R record, Schema schema);

  /** Drops the record key. */
  public static final class Key<R extends ConnectRecord<R>> extends Drop<R> {
    @Override
    protected String part() {
      return "key";
    }

    @Override
    protected Schema schemaOf(R record) {
      return record.keySchema();
    }

    @Override
    protected R withDropped(R record, Schema schema) {
      return record.newRecord(
          record.topic(),
          record.kafkaPartition(),
          schema,
          null,
          record.valueSchema(),
          record.value(),
          record.timestamp(),
          record.headers());
    }
  }

  /** Drops the record value. */
  public static final class Value<R extends ConnectRecord<R>> extends Drop<R> {
    @Override
    protected String part() {
      return "value";
    }

    @Override
    protected Schema schemaOf(R record) {
      return record.valueSchema();
    }

    @Override
    protected R withDropped(R record, Schema schema) {
      return record.newRecord(
          record.topic(),
          record.kafkaPartition(),
          record.keySchema(),
          record.key(),
          schema,
          null,
          record.timestamp(),
          record.headers());
    }
  }
}
