/* getaddrinfo probe for the measured resolver tests: prints {"error":...,"addresses":[...]} for one name.
 * Built twice: gcc probe.c -o probe-glibc; musl-gcc -static probe.c -o probe-musl. */
#define _GNU_SOURCE
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <time.h>

static const char *eai_name(int rc)
{
    switch (rc) {
    case 0: return "OK";
    case EAI_NONAME: return "EAI_NONAME";
    case EAI_AGAIN: return "EAI_AGAIN";
    case EAI_FAIL: return "EAI_FAIL";
#ifdef EAI_NODATA
    case EAI_NODATA: return "EAI_NODATA";
#endif
#ifdef EAI_ADDRFAMILY
    case EAI_ADDRFAMILY: return "EAI_ADDRFAMILY";
#endif
    case EAI_SYSTEM: return "EAI_SYSTEM";
    case EAI_MEMORY: return "EAI_MEMORY";
    default: return "EAI_OTHER";
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: probe NAME unspec|inet|inet6\n"); return 2; }
    struct addrinfo hints, *res = 0, *p;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = !strcmp(argv[2], "inet") ? AF_INET : !strcmp(argv[2], "inet6") ? AF_INET6 : AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM; /* one entry per address */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = getaddrinfo(argv[1], 0, &hints, &res);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("{\"seconds\":%.3f,\"error\":\"%s\",\"addresses\":[", seconds, eai_name(rc));
    int first = 1;
    for (p = rc == 0 ? res : 0; p; p = p->ai_next) {
        char buf[INET6_ADDRSTRLEN];
        const void *a = p->ai_family == AF_INET ? (const void *)&((struct sockaddr_in *)p->ai_addr)->sin_addr
                                                : (const void *)&((struct sockaddr_in6 *)p->ai_addr)->sin6_addr;
        inet_ntop(p->ai_family, a, buf, sizeof buf);
        printf("%s\"%s\"", first ? "" : ",", buf);
        first = 0;
    }
    printf("]}\n");
    if (res) freeaddrinfo(res);
    return 0;
}
