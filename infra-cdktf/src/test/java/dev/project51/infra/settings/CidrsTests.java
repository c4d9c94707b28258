package dev.project51.infra.settings;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Cidrs}.
 */
class CidrsTests {

	@ParameterizedTest
	@ValueSource(strings = { "0.0.0.0/0", "203.0.113.7/32", "10.0.0.0/8", "192.168.1.128/25", "::/0", "2001:db8::/32",
			"2001:db8:0:1::/64", "2001:db8::1/128" })
	void validBlocksPass(String cidr) {
		assertThat(Cidrs.problem(cidr)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "203.0.113.7|is not a CIDR block", "256.1.1.1/32|has an invalid IPv4 address",
			"01.2.3.4/32|has an invalid IPv4 address", "1.2.3.4/33|has prefix length 33",
			"10.1.0.0/8|has host bits set; AWS would store it as 10.0.0.0/8", "2001:db8::1/64|has host bits set",
			"2001:db8::/129|has prefix length 129", "2001:zz8::/32|is not a CIDR block",
			"example.com/32|is not a CIDR block", "'1.2.3.4/32 '|is not a CIDR block" })
	void invalidBlocksAreExplained(String cidr, String problem) {
		assertThat(Cidrs.problem(cidr)).contains(problem);
	}

	@ParameterizedTest
	@CsvSource({ "0.0.0.0/0,true", "::/0,true", "0.0.0.0/1,false", "203.0.113.0/24,false" })
	void anywhereMeansPrefixZero(String cidr, boolean anywhere) {
		assertThat(Cidrs.isAnywhere(cidr)).isEqualTo(anywhere);
	}

}
