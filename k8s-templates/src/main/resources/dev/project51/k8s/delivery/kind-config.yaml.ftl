[=generatedBy]
#
# kind cluster of [=appName]: kind create cluster --config kind-config.yaml
# Host port [=hostPort] forwards to NodePort [=nodePort] of the frontend Service.
# listenAddress [=listenAddress][#if listenAddress == "0.0.0.0"] serves every interface (the EC2 host's security group decides who
# reaches it); use 127.0.0.1 on a laptop[#else] serves this host only[/#if]. The API server stays on 127.0.0.1.
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
name: [=clusterName]
networking:
  apiServerAddress: "127.0.0.1"
nodes:
  - role: control-plane
    image: [=kindNodeImage]
    extraPortMappings:
      - containerPort: [=nodePort]
        hostPort: [=hostPort]
        listenAddress: "[=listenAddress]"
        protocol: TCP
