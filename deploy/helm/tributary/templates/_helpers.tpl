{{/* The labels every object of the chart carries (the same as `kubectl apply -f deploy/`). */}}
{{- define "tributary.labels" -}}
app.kubernetes.io/name: tributary-operator
{{- end -}}
