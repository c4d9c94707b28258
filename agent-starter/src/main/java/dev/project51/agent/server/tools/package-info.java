/**
 * The built-in tools and discovery of the application's {@code @Tool} beans.
 */
package dev.project51.agent.server.tools;
