# Sourced by scripts/gpu-check.sh on the GPU machine: unpacks what scripts/device-pack.sh packed
# into .device/ (node, the built project, the Vulkan loader) and points Vulkan at the NVIDIA driver.
node_dir=$(mktemp -d)
xz -dc .device/node.xz > "$node_dir/node" && chmod +x "$node_dir/node"
export PATH="$node_dir:$PATH"
tar -xJf .device/project.tar.xz
for deb in .device/*.deb; do dpkg -x "$deb" /; done
ldconfig
for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
  if [ -f "$icd" ]; then export VK_DRIVER_FILES="$icd" VK_ICD_FILENAMES="$icd"; break; fi
done
