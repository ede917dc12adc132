package io.c360.config;

public enum ExpectationAction { WARN, DROP, FAIL }
