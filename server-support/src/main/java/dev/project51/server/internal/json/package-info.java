/**
 * Jackson settings of both servers' request bodies: a JSON value of the wrong type is a
 * {@code 400} naming the field, never text made of a number. Internal: not API, may
 * change in any release.
 */
package dev.project51.server.internal.json;
