# pki: test and demo certificates; verify: PAdES signature validation with pyHanko.
