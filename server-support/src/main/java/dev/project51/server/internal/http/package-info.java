/**
 * HTTP method handling shared by both servers: {@code TRACE} refused with the path's
 * {@code Allow} header, {@code OPTIONS} answers without Spring MVC's empty
 * {@code Accept-Patch}. Internal: not API, may change in any release.
 */
package dev.project51.server.internal.http;
