#!/bin/sh
# Apache Kafka's entry point for a standalone worker, on the Tributary distribution:
#   bin/connect-standalone.sh config/connect-standalone.properties config/connect-file-source.properties ...
set -e
exec "$(cd "$(dirname "$0")" && pwd)/tributary-worker" standalone "$@"
