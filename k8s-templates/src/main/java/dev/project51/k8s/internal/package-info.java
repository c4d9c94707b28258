/**
 * Internals shared by the packages of this module. Not API: may change without notice.
 */
package dev.project51.k8s.internal;
