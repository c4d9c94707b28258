/**
 * HTTP handling shared by both servers: request paths as the container mapped them,
 * filters and the error page that answer errors as problems, {@code TRACE} refused with
 * the path's {@code Allow} header, {@code OPTIONS} answers without Spring MVC's empty
 * {@code Accept-Patch}. Internal: not API, may change in any release.
 */
package dev.project51.server.internal.http;
