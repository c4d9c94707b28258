/**
 * Guards both servers share: the {@code Host} allow-list against DNS rebinding and the
 * limit of failed authentications per client address. Internal: not API, may change in
 * any release; the starters' auto-configurations wire them.
 */
package dev.project51.server.internal.security;
