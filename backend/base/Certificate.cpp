#include "base/Certificate.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace confab::backend {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;

bool isIpAddress(const std::string& name)
{
    unsigned char buffer[16];
    return inet_pton(AF_INET, name.c_str(), buffer) == 1 ||
           inet_pton(AF_INET6, name.c_str(), buffer) == 1;
}

void fail(const std::string& what)
{
    throw std::runtime_error("gen-cert: " + what);
}

// Writes `pem` to `path` with `mode`, replacing what was there.
void writeFile(const std::filesystem::path& path, const std::string& pem, mode_t mode)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        fail("cannot write " + path.string());
    }
    ::fchmod(fd, mode);
    const bool written = ::write(fd, pem.data(), pem.size()) == static_cast<ssize_t>(pem.size());
    ::close(fd);
    if (!written) {
        fail("cannot write " + path.string());
    }
}

template <typename Write>
std::string pemOf(Write write)
{
    BIO* bio = BIO_new(BIO_s_mem());
    write(bio);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    return pem;
}

} // namespace

std::string generateSelfSignedCertificate(const std::filesystem::path& dir,
                                          const std::vector<std::string>& names, int days)
{
    if (names.empty()) {
        fail("give at least one --name");
    }
    Key key(EVP_EC_gen("P-256"));
    if (!key) {
        fail("cannot make a key");
    }
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM* number = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(number, X509_get_serialNumber(cert.get()));
    BN_free(number);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(days) * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* subject = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(names.front().c_str()), -1,
                               -1, 0);
    X509_set_issuer_name(cert.get(), subject);
    std::string alternatives;
    for (const std::string& name : names) {
        alternatives += (alternatives.empty() ? "" : ",") +
                        std::string(isIpAddress(name) ? "IP:" : "DNS:") + name;
    }
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert.get(), cert.get(), nullptr, nullptr, 0);
    for (const auto& [id, value] :
         {std::pair{NID_subject_alt_name, alternatives},
          std::pair{NID_basic_constraints, std::string("critical,CA:FALSE")},
          std::pair{NID_key_usage, std::string("critical,digitalSignature")},
          std::pair{NID_ext_key_usage, std::string("serverAuth")}}) {
        X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, id, value.c_str());
        if (!extension) {
            fail("cannot use the name(s) " + alternatives);
        }
        X509_add_ext(cert.get(), extension, -1);
        X509_EXTENSION_free(extension);
    }
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
        fail("cannot sign the certificate");
    }

    std::filesystem::create_directories(dir);
    writeFile(dir / "confabd.key", pemOf([&](BIO* bio) {
                  PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
              }),
              0600);
    writeFile(dir / "confabd.pem", pemOf([&](BIO* bio) { PEM_write_bio_X509(bio, cert.get()); }),
              0644);

    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    X509_digest(cert.get(), EVP_sha256(), digest, &length);
    std::string fingerprint;
    for (unsigned int i = 0; i < length; ++i) {
        char hex[4];
        std::snprintf(hex, sizeof hex, i == 0 ? "%02X" : ":%02X", digest[i]);
        fingerprint += hex;
    }
    return fingerprint;
}

} // namespace confab::backend
