import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with status 403.
  experimental: { authInterrupts: true },
  serverExternalPackages: ["pg", "bcryptjs"],
};

export default nextConfig;
