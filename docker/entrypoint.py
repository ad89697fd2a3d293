#!/usr/bin/env python3
"""Container entrypoint of distributed-locust: stage the run's bundle from S3, run Locust as master
or worker, and (master) upload the results, whatever happens.

Usage:
    entrypoint.py master [LOCUST_FLAG ...]
    entrypoint.py worker [--master-host HOST] [LOCUST_FLAG ...]   (or DL_MASTER_HOST / DL_MASTER_ADDRESS_KEY)
    entrypoint.py [locust] -f locustfile.py --master|--worker ...   (seed form: a raw Locust command)

The run is described by DL_* environment variables (docs/aws-contract.md). Exit codes: 0 the test
ran (whatever its verdict), 2 bad configuration or bundle download failed, 3 Locust could not start
or the workers did not connect in time, 4 results could not be uploaded, 5 the run deadline passed,
143 stopped by SIGTERM (after uploading partial results). A non-zero exit prints one line on stderr.

Needs only the standard library, boto3 and Locust (any 2.x from 2.12) on the same Python. The code
is the package distributed_locust/ next to this file, one module per part (config, storage,
locust_cli, processes, master, worker), with its unit tests beside it.
"""

import sys

from distributed_locust.main import main

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
