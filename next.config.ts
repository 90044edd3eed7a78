import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // No gzip in the Node process: it cost about a tenth of a page's CPU here, and in production the
  // TLS-terminating proxy in front of the portal compresses (docs/operations.md).
  compress: false,
  // forbidden() renders app/forbidden.tsx with status 403.
  experimental: {
    authInterrupts: true,
    // Uploads (master data, Skema, purchase data) are refused above 5 MB by the app with a Danish
    // message; the framework's limit sits just above so that message, not a framework error, shows.
    serverActions: { bodySizeLimit: "6mb" },
  },
  serverExternalPackages: ["pg", "pg-copy-streams", "bcryptjs", "exceljs", "graphile-worker"],
};

export default nextConfig;
