#!/bin/sh
# Apache Kafka's entry point for a distributed worker, on the Tributary distribution:
#   bin/connect-distributed.sh config/connect-distributed.properties
set -e
exec "$(cd "$(dirname "$0")" && pwd)/tributary-worker" distributed "$@"
