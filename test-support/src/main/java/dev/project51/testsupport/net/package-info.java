/**
 * Test support: the one way a test picks ports for the servers it starts.
 */
package dev.project51.testsupport.net;
