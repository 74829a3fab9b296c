package dev.tributary.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class DropTest {

  private static final Schema KEY_SCHEMA = Schema.STRING_SCHEMA;
  private static final Schema VALUE_SCHEMA =
      SchemaBuilder.struct()
          .name("com.example.Order")
          .version(3)
          .doc("an order")
          .field("id", Schema.INT64_SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .build();
  private static final Struct VALUE = new Struct(VALUE_SCHEMA).put("id", 7L).put("note", "hi");

  private static SinkRecord withSchemas() {
    return new SinkRecord("orders", 2, KEY_SCHEMA, "k1", VALUE_SCHEMA, VALUE, 42L, 1000L, null);
  }

  private static SinkRecord withoutSchemas() {
    return new SinkRecord("orders", 2, null, "k1", null, Map.of("id", 7L), 42L);
  }

  private static <T extends Drop<SinkRecord>> T configured(T drop, String behavior) {
    drop.configure(behavior == null ? Map.of() : Map.of("schema.behavior", behavior));
    return drop;
  }

  @Test
  void nullifyIsTheDefaultAndRemovesValueAndSchema() {
    SinkRecord dropped = configured(new Drop.Value<>(), null).apply(withSchemas());

    assertThat(dropped.value()).isNull();
    assertThat(dropped.valueSchema()).isNull();
    assertThat(dropped.key()).isEqualTo("k1");
    assertThat(dropped.keySchema()).isEqualTo(KEY_SCHEMA);
    assertThat(dropped.topic()).isEqualTo("orders");
    assertThat(dropped.kafkaPartition()).isEqualTo(2);
    assertThat(dropped.kafkaOffset()).isEqualTo(42L);
    assertThat(dropped.timestamp()).isEqualTo(1000L);
  }

  @Test
  void retainKeepsTheSchemaAsItIs() {
    SinkRecord dropped = configured(new Drop.Value<>(), "retain").apply(withSchemas());

    assertThat(dropped.value()).isNull();
    assertThat(dropped.valueSchema()).isSameAs(VALUE_SCHEMA);
  }

  @Test
  void validateRejectsARequiredSchemaNamingTheSettingAndTopic() {
    Drop<SinkRecord> drop = configured(new Drop.Value<>(), "validate");

    assertThatThrownBy(() -> drop.apply(withSchemas()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("value")
        .hasMessageContaining("'orders'")
        .hasMessageContaining("schema.behavior");
  }

  @Test
  void validateKeepsAnOptionalSchema() {
    var optional = SchemaBuilder.string().optional().build();
    var record = new SinkRecord("t", 0, optional, "k", optional, "v", 1L);

    SinkRecord dropped = configured(new Drop.Value<>(), "validate").apply(record);

    assertThat(dropped.value()).isNull();
    assertThat(dropped.valueSchema()).isSameAs(optional);
  }

  @Test
  void forceOptionalMakesAnOptionalCopyWithTheSameShape() {
    SinkRecord dropped = configured(new Drop.Value<>(), "force_optional").apply(withSchemas());

    Schema schema = dropped.valueSchema();
    assertThat(dropped.value()).isNull();
    assertThat(schema.isOptional()).isTrue();
    assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
    assertThat(schema.name()).isEqualTo("com.example.Order");
    assertThat(schema.version()).isEqualTo(3);
    assertThat(schema.doc()).isEqualTo("an order");
    assertThat(schema.fields()).isEqualTo(VALUE_SCHEMA.fields());
  }

  @Test
  void forceOptionalCopiesArrayAndMapSchemas() {
    Schema array = SchemaBuilder.array(Schema.INT32_SCHEMA).build();
    Schema map = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.BOOLEAN_SCHEMA).build();

    assertThat(Drop.optionalCopyOf(array).valueSchema()).isEqualTo(Schema.INT32_SCHEMA);
    assertThat(Drop.optionalCopyOf(array).isOptional()).isTrue();
    assertThat(Drop.optionalCopyOf(map).keySchema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(Drop.optionalCopyOf(map).valueSchema()).isEqualTo(Schema.BOOLEAN_SCHEMA);
    assertThat(Drop.optionalCopyOf(map).isOptional()).isTrue();
  }

  @Test
  void everyBehaviourNullsASchemalessValueAndKeepsTheRecord() {
    for (String behavior : new String[] {"nullify", "retain", "validate", "force_optional"}) {
      SinkRecord dropped = configured(new Drop.Value<>(), behavior).apply(withoutSchemas());

      assertThat(dropped).as(behavior).isNotNull();
      assertThat(dropped.value()).as(behavior).isNull();
      assertThat(dropped.valueSchema()).as(behavior).isNull();
      assertThat(dropped.key()).as(behavior).isEqualTo("k1");
    }
  }

  @Test
  void keyVariantDropsTheKeyAndKeepsTheValue() {
    SinkRecord dropped = configured(new Drop.Key<>(), "force_optional").apply(withSchemas());

    assertThat(dropped.key()).isNull();
    assertThat(dropped.keySchema().isOptional()).isTrue();
    assertThat(dropped.keySchema().type()).isEqualTo(Schema.Type.STRING);
    assertThat(dropped.value()).isEqualTo(VALUE);
    assertThat(dropped.valueSchema()).isEqualTo(VALUE_SCHEMA);
  }

  @Test
  void worksOnSourceRecordsToo() {
    var drop = new Drop.Key<SourceRecord>();
    drop.configure(Map.of());
    var record =
        new SourceRecord(
            Map.of("file", "in"), Map.of("pos", 1), "t", 0, KEY_SCHEMA, "k", null, "v");

    SourceRecord dropped = drop.apply(record);

    assertThat(dropped.key()).isNull();
    assertThat(dropped.value()).isEqualTo("v");
    assertThat(dropped.sourceOffset()).isEqualTo(Map.of("pos", 1));
  }

  @Test
  void unknownBehaviourIsAConfigErrorNamingTheField() {
    assertThatThrownBy(
            () -> new Drop.Value<SinkRecord>().configure(Map.of("schema.behavior", "wipe")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.behavior")
        .hasMessageContaining("wipe")
        .hasMessageContaining("force_optional");
  }

  @Test
  void isDiscoverableThroughServiceLoaderManifests() throws Exception {
    var manifest =
        getClass()
            .getClassLoader()
            .getResource("META-INF/services/org.apache.kafka.connect.transforms.Transformation");
    assertThat(manifest).isNotNull();
    String content = new String(manifest.openStream().readAllBytes());
    assertThat(content).contains(Drop.Key.class.getName(), Drop.Value.class.getName());
  }
}
