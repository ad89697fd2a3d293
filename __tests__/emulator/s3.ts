/** The S3 endpoint: s3rver on a free loopback port, storing into a folder, with one bucket. */
import S3rver from 's3rver'
import type { RunningServer } from './http.js'

/** Access key pair s3rver accepts; the emulator hands the same pair to every client and task. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

export async function startS3(directory: string, buckets: string[]): Promise<RunningServer> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    // Requests are signed for the region the caller chose; s3rver need not check the signature.
    allowMismatchedSignatures: true,
    configureBuckets: buckets.map((name) => ({ name }))
  })
  const { port } = await server.run()
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      const closed = server.close()
      server.httpServer?.closeAllConnections()
      await closed
    }
  }
}
