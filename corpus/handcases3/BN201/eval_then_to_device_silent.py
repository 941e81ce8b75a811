import torch
from torchvision.models import mobilenet_v3_large

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
net = mobilenet_v3_large(num_classes=20)
net.load_state_dict(torch.load("mnv3l.pt", map_location="cpu"))
net.eval()
model = net.to(device)

with torch.inference_mode():
    logits = model(torch.randn(1, 3, 224, 224, device=device))
print(logits.softmax(-1).max())
