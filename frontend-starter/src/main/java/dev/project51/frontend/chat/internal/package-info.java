/**
 * The chat page, its stream relay and the conversation API of the browser. Internal: not
 * API, may change in any release; the auto-configuration wires it.
 */
package dev.project51.frontend.chat.internal;
