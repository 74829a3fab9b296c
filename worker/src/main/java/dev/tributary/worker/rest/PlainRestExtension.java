package dev.tributary.worker.rest;

import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.rest.ConnectRestExtension;

/** A REST extension of the worker's own: no configuration, nothing to close, Kafka's version. */
abstract class PlainRestExtension implements ConnectRestExtension {

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public void close() {}

  @Override
  public String version() {
    return AppInfoParser.getVersion();
  }
}
