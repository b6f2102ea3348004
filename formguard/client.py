"""Who is asking, without ever keeping their address.

The client key is an HMAC of the IP address under a key derived from
SECRET_KEY: stable enough to count one client's submissions, useless for
recovering the address, and different for every deployment.
"""

import ipaddress

from django.conf import settings
from django.utils.crypto import salted_hmac


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address TRUSTED_PROXY_COUNT hops from the right of X-Forwarded-For.

    Each trusted proxy appends the address it received the request from, so
    with N proxies the client's address is the Nth entry from the right;
    anything further left was written by the client and cannot be trusted.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def network_of(address: str) -> str:
    """IPv4 addresses as they are; IPv6 ones by their /64, since one home or
    phone is usually given a whole /64 and could otherwise rotate addresses."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def client_key(request) -> str:
    client = network_of(client_ip(request))
    return salted_hmac("formguard-client", client, algorithm="sha256").hexdigest()[:32]


def pseudonymous_address(request) -> str:
    """The client key shaped as an IPv6 address in the private fd00::/8 range.

    For libraries that insist on storing an "IP address" (django-axes): it
    still tells one client from another, and it can never be mistaken for, or
    turned back into, the person's real address.
    """
    digest = client_key(request)[:30]
    groups = ["fd" + digest[:2]] + [digest[i : i + 4] for i in range(2, 30, 4)]
    return ":".join(groups)
