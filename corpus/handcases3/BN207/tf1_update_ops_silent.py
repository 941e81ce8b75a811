import tensorflow as tf

x = tf.compat.v1.placeholder(tf.float32, [None, 32, 32, 3])
labels = tf.compat.v1.placeholder(tf.int64, [None])
training = tf.compat.v1.placeholder_with_default(False, [])
net = tf.compat.v1.layers.conv2d(x, 32, 3, use_bias=False)
net = tf.compat.v1.layers.batch_normalization(net, training=training)
net = tf.reduce_mean(tf.nn.relu(net), axis=[1, 2])
logits = tf.compat.v1.layers.dense(net, 10)
loss = tf.compat.v1.losses.sparse_softmax_cross_entropy(labels, logits)
extra_ops = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(extra_ops):
    train_op = tf.compat.v1.train.AdamOptimizer(1e-3).minimize(loss)
