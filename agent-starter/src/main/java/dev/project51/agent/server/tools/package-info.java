/**
 * The built-in tools ({@code currentTime}, {@code systemStatus}).
 */
package dev.project51.agent.server.tools;
