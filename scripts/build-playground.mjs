console.log("playground build pending")
