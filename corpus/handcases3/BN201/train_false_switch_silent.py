import torch
import torchvision.models as models

net = models.densenet121(num_classes=2)
net.load_state_dict(torch.load("densenet_ckpt.pth"))
net.train(False)

with torch.no_grad():
    scores = net(torch.randn(4, 3, 224, 224)).softmax(1)
print(scores)
