package dev.tributary.operator.events;

/** One Event to record: Warning or Normal, its reason and message. */
public record Notice(boolean warning, String reason, String message) {}
