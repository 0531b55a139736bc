"""installer/sign.sh really signs a Windows program and a PowerShell script with a test
certificate (osslsigncode, as a release machine would), the signatures verify, and a byte changed
after signing is detected."""
from __future__ import annotations

import datetime
import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT = Path(__file__).resolve().parent.parent
SIGN = ROOT / "installer" / "sign.sh"
# A real Windows program (PE) that every venv has: pip's script launcher.
SAMPLE_EXE = Path(importlib.util.find_spec("pip._vendor.distlib").origin or "").with_name("w64.exe")

pytestmark = pytest.mark.skipif(not shutil.which("osslsigncode"),
                                reason="osslsigncode (Debian package) is not installed; .ci/run installs it")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed code-signing certificate: the p12 to sign with and the PEM to verify against."""
    folder = tmp_path_factory.mktemp("cert")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Digipunt test signing")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
            .sign(key, hashes.SHA256()))
    p12 = folder / "test.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(b"test", key, cert, None,
                                                          serialization.NoEncryption()))
    pem = folder / "test.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return p12, pem


def sign(certificate: tuple[Path, Path], *files: Path) -> subprocess.CompletedProcess:
    p12, pem = certificate
    return subprocess.run(["bash", str(SIGN), "--pkcs12", str(p12), "--ca", str(pem), *map(str, files)],
                          capture_output=True, text=True, timeout=120, check=False)


def verify(certificate: tuple[Path, Path], file: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["osslsigncode", "verify", "-CAfile", str(certificate[1]), "-in", str(file)],
                          capture_output=True, text=True, timeout=60, check=False)


def test_signs_the_program_and_the_powershell_script_and_detects_tampering(certificate, tmp_path):
    exe = tmp_path / "digipunt-kiosk.exe"
    shutil.copy(SAMPLE_EXE, exe)
    script = tmp_path / "register-kiosk.ps1"
    shutil.copy(ROOT / "installer" / "windows" / "register-kiosk.ps1", script)
    assert verify(certificate, exe).returncode != 0, "the sample program must start unsigned"

    result = sign(certificate, exe, script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"signed: {exe}", f"signed: {script}"]
    for file in (exe, script):
        assert verify(certificate, file).returncode == 0, file
    assert "# SIG # Begin signature block" in script.read_text(encoding="utf-8-sig")

    data = bytearray(exe.read_bytes())
    data[len(data) // 3] ^= 0xFF  # one byte of the code, after signing
    exe.write_bytes(bytes(data))
    assert verify(certificate, exe).returncode != 0


def test_refuses_without_a_certificate_and_leaves_the_file_unsigned(certificate, tmp_path):
    exe = tmp_path / "digipunt-kiosk.exe"
    shutil.copy(SAMPLE_EXE, exe)
    before = exe.read_bytes()
    result = subprocess.run(["bash", str(SIGN), "--pkcs12", str(tmp_path / "missing.p12"), str(exe)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "--pkcs12" in result.stderr
    assert exe.read_bytes() == before
