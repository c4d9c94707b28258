/**
 * Architecture rules shared by the modules' {@code ArchitectureTests}.
 */
package dev.project51.testsupport.architecture;
