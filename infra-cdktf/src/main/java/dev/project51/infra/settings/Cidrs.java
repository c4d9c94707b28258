package dev.project51.infra.settings;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and checks CIDR blocks (IPv4 and IPv6) without any name resolution.
 */
final class Cidrs {

	private static final Pattern IPV4 = Pattern
		.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})$");

	private static final Pattern IPV6 = Pattern.compile("^([0-9a-fA-F:.]+)/(\\d{1,3})$");

	private Cidrs() {
	}

	/**
	 * Returns whether the block covers every address of its family ({@code /0}).
	 * @param cidr a valid CIDR block
	 * @return whether the prefix length is zero
	 */
	static boolean isAnywhere(String cidr) {
		return cidr.endsWith("/0");
	}

	/**
	 * Returns whether the block is an IPv6 block.
	 * @param cidr a valid CIDR block
	 * @return whether it contains a colon
	 */
	static boolean isIpv6(String cidr) {
		return cidr.indexOf(':') >= 0;
	}

	/**
	 * Checks a CIDR block.
	 * @param cidr the block
	 * @return {@code null} when valid, otherwise what is wrong and how to fix it
	 */
	static String problem(String cidr) {
		if (cidr == null || cidr.isBlank()) {
			return "is empty; write a CIDR block such as 203.0.113.7/32";
		}
		Matcher ipv4 = IPV4.matcher(cidr);
		if (ipv4.matches()) {
			return ipv4Problem(cidr, ipv4);
		}
		Matcher ipv6 = IPV6.matcher(cidr);
		if (ipv6.matches() && cidr.indexOf(':') >= 0) {
			return ipv6Problem(cidr, ipv6);
		}
		return "'" + cidr + "' is not a CIDR block; write an address and a prefix length such as 203.0.113.7/32 "
				+ "(one address) or 2001:db8::/32";
	}

	private static String ipv4Problem(String cidr, Matcher matcher) {
		long address = 0;
		for (int i = 1; i <= 4; i++) {
			String octet = matcher.group(i);
			int value = Integer.parseInt(octet);
			if (value > 255 || (octet.length() > 1 && octet.charAt(0) == '0')) {
				return "'" + cidr + "' has an invalid IPv4 address; each of the four parts must be 0-255 "
						+ "without leading zeros";
			}
			address = (address << 8) | value;
		}
		int prefix = Integer.parseInt(matcher.group(5));
		if (prefix > 32) {
			return "'" + cidr + "' has prefix length " + prefix + "; IPv4 prefix lengths are 0-32";
		}
		long mask = (prefix == 0) ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
		long network = address & mask;
		if (network != address) {
			return "'" + cidr + "' has host bits set; AWS would store it as " + ipv4(network) + "/" + prefix
					+ ", so write that (or use /32 for a single address)";
		}
		return null;
	}

	private static String ipv6Problem(String cidr, Matcher matcher) {
		byte[] bytes;
		try {
			// A literal containing ':' is parsed, never resolved through DNS.
			bytes = InetAddress.getByName(matcher.group(1)).getAddress();
		}
		catch (UnknownHostException ex) {
			return "'" + cidr + "' has an invalid IPv6 address";
		}
		if (bytes.length != 16) {
			return "'" + cidr + "' is not an IPv6 block; write IPv4 blocks as 203.0.113.0/24";
		}
		int prefix = Integer.parseInt(matcher.group(2));
		if (prefix > 128) {
			return "'" + cidr + "' has prefix length " + prefix + "; IPv6 prefix lengths are 0-128";
		}
		BigInteger address = new BigInteger(1, bytes);
		BigInteger network = (prefix == 0) ? BigInteger.ZERO : address.shiftRight(128 - prefix).shiftLeft(128 - prefix);
		if (!network.equals(address)) {
			return "'" + cidr + "' has host bits set; write the network address with prefix /" + prefix
					+ " (or use /128 for a single address)";
		}
		return null;
	}

	private static String ipv4(long address) {
		return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "."
				+ (address & 0xFF);
	}

}
