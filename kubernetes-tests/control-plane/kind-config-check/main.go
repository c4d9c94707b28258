// Command kind-config-check loads a kind cluster configuration the way `kind create cluster --config` does and
// prints the defaulted configuration as JSON, or the errors kind would report, exiting 1.
//
// Usage: kind-config-check FILE   (FILE "-" reads standard input)
//
// kind's own loader (sigs.k8s.io/kind/pkg/internal/apis/config/encoding) and its validation
// (pkg/internal/apis/config/validate.go) are internal packages that another module cannot import. This program
// does what they do, step by step, on kind's public v1alpha4 types:
//  1. reads apiVersion and kind; only kind.x-k8s.io/v1alpha4 Cluster is accepted (encoding.Parse);
//  2. decodes strictly with go.yaml.in/yaml/v3 and KnownFields(true), so an unknown or misspelt field is an error
//     (encoding.yamlUnmarshalStrict);
//  3. applies kind's defaults (v1alpha4.SetDefaultsCluster, as encoding.V1Alpha4ToInternal does);
//  4. runs the checks of config.Cluster.Validate, which `kind create cluster` runs before creating anything
//     (cluster/internal/create.Cluster): name, API server port, IP family, pod and service subnets, kube-proxy mode,
//     each node's role, image and port mappings (ports, duplicate listen address/port/protocol), at least one
//     control-plane node.
//
// Built and cached by build.sh against the sigs.k8s.io/kind version of the root pom (kind.version).
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"regexp"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"sigs.k8s.io/kind/pkg/apis/config/v1alpha4"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: kind-config-check FILE (- for standard input)")
		os.Exit(2)
	}
	var raw []byte
	var err error
	if os.Args[1] == "-" {
		raw, err = io.ReadAll(os.Stdin)
	} else {
		raw, err = os.ReadFile(os.Args[1])
	}
	if err != nil {
		fail([]string{"error reading file: " + err.Error()})
	}
	cluster, err := parse(raw)
	if err != nil {
		fail([]string{err.Error()})
	}
	if errs := validate(cluster); len(errs) > 0 {
		fail(errs)
	}
	out, err := json.MarshalIndent(cluster, "", "  ")
	if err != nil {
		fail([]string{err.Error()})
	}
	fmt.Println(string(out))
}

func fail(errs []string) {
	for _, e := range errs {
		fmt.Fprintln(os.Stderr, "ERROR: "+e)
	}
	os.Exit(1)
}

type typeMeta struct {
	Kind       string `yaml:"kind,omitempty"`
	APIVersion string `yaml:"apiVersion,omitempty"`
}

// parse is kind's encoding.Parse for v1alpha4, defaults applied.
func parse(raw []byte) (*v1alpha4.Cluster, error) {
	tm := typeMeta{}
	if err := yaml.Unmarshal(raw, &tm); err != nil {
		return nil, fmt.Errorf("could not determine kind / apiVersion for config: %w", err)
	}
	if tm.APIVersion != "kind.x-k8s.io/v1alpha4" {
		return nil, fmt.Errorf("unknown apiVersion: %s", tm.APIVersion)
	}
	if tm.Kind != "Cluster" {
		return nil, fmt.Errorf("unknown kind %s for apiVersion: %s", tm.Kind, tm.APIVersion)
	}
	cluster := &v1alpha4.Cluster{}
	decoder := yaml.NewDecoder(bytes.NewReader(raw))
	decoder.KnownFields(true)
	if err := decoder.Decode(cluster); err != nil {
		return nil, fmt.Errorf("unable to decode config: %w", err)
	}
	v1alpha4.SetDefaultsCluster(cluster)
	return cluster, nil
}

var validNameRE = regexp.MustCompile(`^[a-z0-9.-]+$`)

// validate is config.Cluster.Validate of kind, on the defaulted v1alpha4 types.
func validate(c *v1alpha4.Cluster) []string {
	var errs []string
	if !validNameRE.MatchString(c.Name) {
		errs = append(errs, fmt.Sprintf("'%s' is not a valid cluster name, cluster names must match `%s`", c.Name,
			validNameRE.String()))
	}
	if c.Networking.APIServerPort != 0 {
		if err := validatePort(c.Networking.APIServerPort); err != nil {
			errs = append(errs, "invalid apiServerPort: "+err.Error())
		}
	}
	family := c.Networking.IPFamily
	if family != v1alpha4.IPv4Family && family != v1alpha4.IPv6Family && family != v1alpha4.DualStackFamily {
		errs = append(errs, fmt.Sprintf("invalid ipFamily: %s", family))
	}
	if err := validateSubnets(c.Networking.PodSubnet, family); err != nil {
		errs = append(errs, fmt.Sprintf("invalid pod subnet %v", err))
	}
	if err := validateSubnets(c.Networking.ServiceSubnet, family); err != nil {
		errs = append(errs, fmt.Sprintf("invalid service subnet %v", err))
	}
	// kind's internal types also accept "none", which v1alpha4 has no constant for.
	mode := c.Networking.KubeProxyMode
	if mode != v1alpha4.IPTablesProxyMode && mode != v1alpha4.IPVSProxyMode && mode != "none" &&
		mode != v1alpha4.NFTablesProxyMode {
		errs = append(errs, fmt.Sprintf("invalid kubeProxyMode: %s", mode))
	}
	controlPlanes := 0
	for i, n := range c.Nodes {
		if nodeErrs := validateNode(n); len(nodeErrs) > 0 {
			errs = append(errs, fmt.Sprintf("invalid configuration for node %d: %s", i, strings.Join(nodeErrs, ", ")))
		}
		if n.Role == v1alpha4.ControlPlaneRole {
			controlPlanes++
		}
	}
	if controlPlanes < 1 {
		errs = append(errs, fmt.Sprintf("must have at least one %s node", v1alpha4.ControlPlaneRole))
	}
	return errs
}

func validateNode(n v1alpha4.Node) []string {
	var errs []string
	switch n.Role {
	case v1alpha4.ControlPlaneRole, v1alpha4.WorkerRole:
	default:
		errs = append(errs, fmt.Sprintf("%q is not a valid node role", n.Role))
	}
	if n.Image == "" {
		errs = append(errs, "image is a required field")
	}
	for _, mapping := range n.ExtraPortMappings {
		if err := validatePort(mapping.HostPort); err != nil {
			errs = append(errs, "invalid hostPort: "+err.Error())
		}
		if err := validatePort(mapping.ContainerPort); err != nil {
			errs = append(errs, "invalid containerPort: "+err.Error())
		}
		switch mapping.Protocol {
		case "", v1alpha4.PortMappingProtocolTCP, v1alpha4.PortMappingProtocolUDP, v1alpha4.PortMappingProtocolSCTP:
		default:
			// Not a check of Validate: kind passes the protocol on as written and its node providers reject an
			// unknown one only when they create the node container. Reported here so a typo fails early.
			errs = append(errs, fmt.Sprintf("invalid protocol %q (TCP, UDP or SCTP)", mapping.Protocol))
		}
	}
	if err := validatePortMappings(n.ExtraPortMappings); err != nil {
		errs = append(errs, "invalid portMapping: "+err.Error())
	}
	return errs
}

func validatePortMappings(mappings []v1alpha4.PortMapping) error {
	const msg = "port mapping with same listen address, port and protocol already configured"
	wildcardV4 := net.ParseIP("0.0.0.0")
	wildcardV6 := net.ParseIP("::")
	bound := map[string]map[string]bool{}
	for _, m := range mappings {
		if m.HostPort == -1 || m.HostPort == 0 {
			continue
		}
		addr := net.ParseIP(m.ListenAddress)
		if m.ListenAddress == "" {
			addr = wildcardV4
		}
		if addr == nil {
			return fmt.Errorf("invalid listen address: %s", m.ListenAddress)
		}
		if addr.Equal(wildcardV6) {
			addr = wildcardV4
		}
		addrString := addr.String()
		key := fmt.Sprintf("%d/%s", m.HostPort, m.Protocol)
		dup := fmt.Errorf("%s: %s:%s", msg, addrString, key)
		if addrs, ok := bound[key]; ok {
			if addr.Equal(wildcardV4) && len(addrs) > 0 {
				return dup
			}
			if addrs[addrString] || addrs[wildcardV4.String()] {
				return dup
			}
		} else {
			bound[key] = map[string]bool{}
		}
		bound[key][addrString] = true
	}
	return nil
}

func validatePort(port int32) error {
	if port < -1 || port > 65535 {
		return fmt.Errorf("invalid port number: %d", port)
	}
	return nil
}

func validateSubnets(subnets string, family v1alpha4.ClusterIPFamily) error {
	var cidrs []*net.IPNet
	for _, s := range strings.Split(subnets, ",") {
		_, cidr, err := net.ParseCIDR(s)
		if err != nil {
			return fmt.Errorf("failed to parse cidr value:%q with error: %v", s, err)
		}
		cidrs = append(cidrs, cidr)
	}
	dual := family == v1alpha4.DualStackFamily
	switch {
	case len(cidrs) == 0:
		return fmt.Errorf("no subnets defined")
	case dual && len(cidrs) > 2:
		return fmt.Errorf("expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking")
	case dual && len(cidrs) == 2:
		v4 := cidrs[0].IP.To4() != nil || cidrs[1].IP.To4() != nil
		v6 := cidrs[0].IP.To4() == nil || cidrs[1].IP.To4() == nil
		if !v4 || !v6 {
			return fmt.Errorf("expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking")
		}
	case !dual && len(cidrs) > 1:
		return fmt.Errorf("only one CIDR allowed for single-stack networking")
	case family == v1alpha4.IPv4Family && cidrs[0].IP.To4() == nil:
		return fmt.Errorf("expected IPv4 CIDR for IPv4 family")
	case family == v1alpha4.IPv6Family && cidrs[0].IP.To4() != nil:
		return fmt.Errorf("expected IPv6 CIDR for IPv6 family")
	}
	return nil
}
