/**
 * Browser sessions and the limits per session and per address; not API.
 */
package dev.project51.frontend.session.internal;
