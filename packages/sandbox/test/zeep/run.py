"""Python zeep against a running sandbox, each client built from the WSDL the sandbox serves.

Usage: python3 run.py SANDBOX_URL   (credentials come as JSON on stdin)
Prints one JSON object with what each step returned; the vitest side asserts on it.
"""

import hashlib
import json
import sys
import time

import requests
from requests.auth import HTTPBasicAuth
from zeep import Client
from zeep.transports import Transport

SUBJECT = "Şifre sıfırlama — İstanbul & Ağrı <özel> \"çift\""
HTML = "<p>Merhaba ığüşöç & <b>kalın</b></p>"


def euromsg(base, account, binding_suffix):
    auth = Client(f"{base}/euromsg/auth.asmx?wsdl")
    post = Client(f"{base}/euromsg/post.asmx?wsdl")
    auth_service = auth.bind("Auth", "AuthSoap" + binding_suffix)
    post_service = post.bind("Post", "PostSoap" + binding_suffix)
    login = auth_service.Login(Username=account["username"], Password=account["password"])
    ticket = login.ServiceTicket
    posted = post_service.PostHtml(
        ServiceTicket=ticket,
        FromName="Çağrı Ünlü",
        FromAddress="bilgi@example.com.tr",
        Subject=SUBJECT,
        HtmlBody=HTML,
        Charset="UTF-8",
        ToEmailAddress="musteri@example.com",
    )
    logout = auth_service.Logout(ServiceTicket=ticket)
    again = auth_service.Logout(ServiceTicket=ticket)
    return {
        "login": login.Code,
        "post": posted.Code,
        "subject": posted.Subject,
        "logout": logout.Code,
        "again": again.Code,
        "againMessage": again.Message,
    }


def gittigidiyor(base, app):
    session = requests.Session()
    session.auth = HTTPBasicAuth(app["roleName"], app["rolePassword"])
    client = Client(f"{base}/gittigidiyor/CommunityAuthService?wsdl", transport=Transport(session=session))
    stamp = str(int(time.time() * 1000))
    sign = hashlib.md5((app["apiKey"] + app["secretKey"] + stamp).encode("utf-8")).hexdigest()
    result = client.service.createToken(apiKey=app["apiKey"], sign=sign, time=stamp, lang="tr")
    return {"ackCode": result.ackCode, "tokenId": result.tokenId}


def main():
    base = sys.argv[1].rstrip("/")
    accounts = json.load(sys.stdin)
    out = {
        "soap11": euromsg(base, accounts["euromsg"], ""),
        "soap12": euromsg(base, accounts["euromsg"], "12"),
        "gittigidiyor": gittigidiyor(base, accounts["gittigidiyor"]),
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
